import { getCurrentMonth, getPreviousMonth } from './billing-month';
import { onMenuClicked, replaceMenus, type MenuItem } from './browser/context-menus';
import { loadLocale, t, type MessageKey } from './i18n';
import type { JobService } from './job-service';
import type { InvoiceFilter, JobSource } from './jobs/job-state';
import { resolveCredentials } from './profile-service';
import { localProfiles, localSettings, sessionCredentials, sessionPendingRequest, type Profile } from './storage';
import type { AwsEndpoints } from './aws/clients';
import type { UserError } from './types';

/** The two things the menu offers. */
export type MenuKind = 'this-month' | 'last-month';

/** AWS Billing console pages, where the same items appear on the page's own context menu. */
const BILLING_PAGES = ['https://*.console.aws.amazon.com/billing/*', 'https://console.aws.amazon.com/billing/*'];

const TITLES: Record<MenuKind, MessageKey> = {
  'this-month': 'menuThisMonth',
  'last-month': 'menuLastMonth',
};

/**
 * The menu for a set of profiles: two items, or with several profiles a sub-menu each with "All profiles". Titles are
 * in the chosen language: load it first (`rebuild` does), and rebuild when it changes.
 */
export function buildMenuItems(profiles: Profile[]): MenuItem[] {
  const contexts: MenuItem['contexts'] = ['action', 'page'];
  const items: MenuItem[] = [];
  for (const kind of Object.keys(TITLES) as MenuKind[]) {
    if (profiles.length < 2) {
      items.push({ id: `${kind}:default`, title: t(TITLES[kind]), contexts, documentUrlPatterns: BILLING_PAGES });
      continue;
    }
    items.push({ id: kind, title: t(TITLES[kind]), contexts, documentUrlPatterns: BILLING_PAGES });
    for (const profile of profiles) {
      items.push({ id: `${kind}:${profile.id}`, parentId: kind, title: profile.name, contexts, documentUrlPatterns: BILLING_PAGES });
    }
    items.push({ id: `${kind}:all`, parentId: kind, title: t('allProfiles'), contexts, documentUrlPatterns: BILLING_PAGES });
  }
  return items;
}

/**
 * Which invoices an item means at `now` (UTC, as AWS bills): this month's are those issued from the 1st of this
 * month up to the 1st of the next (TimeInterval, end exclusive); last month's bill is the previous billing period.
 */
export function planMenuRequest(kind: MenuKind, now: Date): InvoiceFilter {
  if (kind === 'this-month') return { by: 'issued-in', month: getCurrentMonth(now) };
  return { by: 'billing-month', month: getPreviousMonth(now) };
}

export interface MenuRequest {
  kind: MenuKind;
  /** 'default', 'all' or a profile id. */
  target: string;
}

/** Registers the click handler and builds the menu; rebuild with the returned function when profiles or the language change. */
export function registerContextMenu(deps: {
  jobs: JobService;
  endpoints: AwsEndpoints;
  openPopup(): Promise<void>;
}): { rebuild(): Promise<void>; runPending(): Promise<void>; start(request: MenuRequest): Promise<void> } {
  onMenuClicked((menuItemId) => {
    const [kind, target = 'default'] = menuItemId.split(':') as [MenuKind, string?];
    if (!(kind in TITLES) || !menuItemId.includes(':')) return;
    void startMenuRequest({ kind, target }, deps, true);
  });
  return {
    async rebuild() {
      await loadLocale();
      await replaceMenus(buildMenuItems(await localProfiles.getValue()));
    },
    async runPending() {
      const pending = await sessionPendingRequest.getValue();
      if (pending) await startMenuRequest(pending, deps, false);
    },
    async start(request) {
      await startMenuRequest(request, deps, true);
    },
  };
}

/**
 * Starts the download a menu item asks for, or, when keys are missing (none saved, vault locked, MFA code due),
 * keeps the request and opens the popup to ask for them; the request starts once they are given.
 */
export async function startMenuRequest(
  request: MenuRequest,
  deps: { jobs: JobService; endpoints: AwsEndpoints; openPopup(): Promise<void> },
  fromClick: boolean,
  now = new Date(),
): Promise<{ started: boolean; missing?: UserError }> {
  const [profiles, settings] = await Promise.all([localProfiles.getValue(), localSettings.getValue()]);
  const chosen =
    request.target === 'all'
      ? profiles
      : request.target === 'default'
        ? [profiles.find((p) => p.id === settings.defaultProfileId) ?? profiles[0]].filter((p): p is Profile => Boolean(p))
        : profiles.filter((p) => p.id === request.target);
  const sources: JobSource[] = chosen.map((profile) => ({ profileId: profile.id, label: profile.name }));
  let missing: UserError | undefined;
  if (sources.length === 0) {
    // No label: the popup names these keys in the reader's language when it has to.
    if (await sessionCredentials.getValue()) sources.push({ label: '' });
    else missing = { code: 'secret-needed' };
  }
  for (const profile of chosen) {
    if (missing) break;
    const resolved = await resolveCredentials({ kind: 'profile', profileId: profile.id }, deps.endpoints);
    if (!resolved.ok) missing = resolved.error;
  }
  if (missing) {
    await sessionPendingRequest.setValue({ ...request, ...(chosen[0] ? { profileId: chosen[0].id } : {}), reason: missing.code });
    if (fromClick) await deps.openPopup();
    return { started: false, missing };
  }
  await sessionPendingRequest.removeValue();
  await deps.jobs.start({
    form: settings.menuForm ?? 'zip',
    filter: planMenuRequest(request.kind, now),
    sources,
    ...(settings.namingTemplate ? { namingTemplate: settings.namingTemplate } : {}),
    now: now.getTime(),
  });
  return { started: true };
}
