/** Placeholder while the page is built. */
export function ImportsPage() {
  return <div className="page"><h1>ImportsPage</h1></div>;
}
