/** Placeholder while the page is built. */
export function ServiceMapPage() {
  return <div className="page"><h1>ServiceMapPage</h1></div>;
}
