import { messagePage } from '../layout/layout.view';

/**
 * The page a party gets for a page that is not for its kind: the same 404 as a path that does not exist, as the
 * services answer a buyer asking for dead letters, so the page says nothing of what it would have shown.
 */
export function notForThisParty(response: { status(code: number): unknown }): string {
  response.status(404);
  return messagePage('Not found', 'There is no such page.').text;
}
