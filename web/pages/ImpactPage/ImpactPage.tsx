/** Placeholder while the page is built. */
export function ImpactPage() {
  return <div className="page"><h1>ImpactPage</h1></div>;
}
