/** The supervisor's views (operators and sessions, the audit): one at a time, over the map. */
export function SupervisorViews() {
  return null;
}
