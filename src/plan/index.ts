/** The workbook plan: model, addresses, styles, builders, reconciliation. Pure data, no I/O. */
export * from './types';
export * from './a1';
export * from './styles';
export * from './reconcile';
export * from './gateway';
export * from './survey/names';
export * from './survey/native-formulas';
export * from './survey/template-sheet';
export * from './survey/responses-sheet';
export * from './survey/form-sheet';
export * from './survey/plan-sheet';
export * from './survey/survey-workbook';
export * from './sheet-builder';
export * from './report/report-sheet';
export * from './report/trend-sheet';
export * from './report/report-workbook';
