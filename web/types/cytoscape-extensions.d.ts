/** Type declarations for the cytoscape extensions the explorer uses (they ship none). */
declare module 'cytoscape-fcose' {
  const extension: cytoscape.Ext;
  export default extension;
}
declare module 'cytoscape-svg' {
  const extension: cytoscape.Ext;
  export default extension;
}
declare module 'elkjs/lib/elk.bundled.js' {
  import ELK from 'elkjs/lib/elk-api';
  export default ELK;
}
