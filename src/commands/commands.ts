/*
 * Ribbon and keyboard commands, loaded with the task pane (the manifest's FunctionFile). There are
 * none today: the ribbon button opens the pane through the manifest's ShowTaskpane action. A command
 * is added here with `Office.actions.associate('<id>', handler)` together with the manifest's
 * ExecuteFunction control naming the same id (an association nothing names is dead code).
 */
export {};
