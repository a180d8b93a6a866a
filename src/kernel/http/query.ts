/**
 * The shared query-string parameters (paging, days) live with the contracts, where routes and the
 * web app both find them; the kernel's HTTP layer re-exports them for its own use.
 */
export { MAX_PAGE, PageParam as Page, paging, NO_YEAR_ZERO, DayParam } from '../../contracts/common.ts';
