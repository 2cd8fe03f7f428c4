/**
 * The sections of `分析报告-YYYYQn`, in page order. Adding a section is one file in this folder —
 * `(builder, analysis, ctx) => anchors | void`, writing at the builder's cursor and numbering its
 * heading with `b.section()` — and one line here. A section may skip itself (no heading, no gap).
 */
import type { ReportSection } from '../layout';
import { driversSection } from './drivers';
import { groupsSection } from './groups';
import { itemsSection } from './items';
import { commentsSection, followUpsSection, invalidSection } from './lists';
import { opportunitiesSection } from './opportunities';
import { overallSection } from './overall';
import { overviewSection } from './overview';
import { potentialSection } from './potential';
import { themesSection } from './themes';
import { trackerSection } from './tracker';
import { trendSection } from './trend';

export const REPORT_SECTIONS: readonly ReportSection[] = [
  overviewSection,
  overallSection,
  itemsSection,
  groupsSection,
  trendSection,
  potentialSection,
  driversSection,
  opportunitiesSection,
  themesSection,
  commentsSection,
  followUpsSection,
  invalidSection,
  trackerSection,
];
