/*
 * Ribbon and keyboard commands. They run in the shared runtime with the task pane and the custom
 * functions; `csat.openPane` opens the pane from a command surface other than the ribbon button
 * (which uses the manifest's ShowTaskpane action).
 */
async function openPane(event?: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } finally {
    event?.completed();
  }
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => {
    if (Office.actions) Office.actions.associate('csat.openPane', openPane);
  });
}
