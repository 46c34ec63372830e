/** The signed-in party, as the pages need it. */
export interface Viewer {
  partyId: string;
  partyName: string;
  kind: 'buyer' | 'supplier' | 'operator';
  /** The party's own API key: the dashboard calls the services with it. */
  apiKey: string;
  /** Every form and htmx request of this session must send it back. */
  csrfToken: string;
}

/** Paths anyone may open: the login form, the page assets and the probe. */
export const isPublicPath = (path: string): boolean => path === '/login' || path === '/health' || path.startsWith('/assets/');
