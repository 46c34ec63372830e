import type { Viewer } from '../session/viewer';

export interface NavigationEntry {
  path: string;
  title: string;
  kinds: ReadonlyArray<Viewer['kind']>;
}

/**
 * Every page of the dashboard and which kind of party it is for: a page is listed here once, in the order the
 * navigation shows it, and the first entry of a kind is that party's home.
 */
export const PAGES: readonly NavigationEntry[] = [
  { path: '/stock', title: 'Stock', kinds: ['buyer'] },
  { path: '/approvals', title: 'Orders to approve', kinds: ['buyer'] },
  { path: '/shipments', title: 'Shipments', kinds: ['buyer'] },
  { path: '/service-levels', title: 'Service levels', kinds: ['buyer'] },
  { path: '/positions', title: 'Buyers by urgency', kinds: ['supplier'] },
  { path: '/dispatch', title: 'Orders to dispatch', kinds: ['supplier'] },
  { path: '/capacity', title: 'Capacity', kinds: ['supplier'] },
  { path: '/forecasts', title: 'Forecasts', kinds: ['supplier'] },
  { path: '/penalties', title: 'Penalties and disputes', kinds: ['supplier'] },
  { path: '/what-if', title: 'What-if', kinds: ['buyer', 'supplier'] },
  { path: '/operations', title: 'Operations', kinds: ['operator'] },
];

export const pagesFor = (kind: Viewer['kind']): NavigationEntry[] => PAGES.filter((page) => page.kinds.includes(kind));

/** Where a party lands after login: its first page, or a page saying there is nothing for it yet. */
export const homeOf = (kind: Viewer['kind']): string => pagesFor(kind)[0]?.path ?? '/welcome';

/**
 * Whether a party of this kind may open a path: a listed page (and anything under it, like its form posts) is
 * for the kinds it names; other paths (login, assets) are not pages of one kind. The services still decide what
 * each call returns; this keeps a party off pages that are not made for it.
 */
export function mayOpen(path: string, kind: Viewer['kind']): boolean {
  const entry = PAGES.find((page) => path === page.path || path.startsWith(`${page.path}/`));
  return entry === undefined || entry.kinds.includes(kind);
}
