import { browser } from 'wxt/browser';

/** Shows a job's progress on the toolbar icon: a percentage while it runs, "!" when something failed. */
export async function showBadge(
  state: { running: boolean; percent: number; failed: boolean; text?: string } | null,
): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  if (state?.text) {
    await action.setBadgeBackgroundColor({ color: '#1d7a35' });
    await action.setBadgeText({ text: state.text });
    return;
  }
  if (!state || (!state.running && !state.failed)) {
    await action.setBadgeText({ text: '' });
    return;
  }
  await action.setBadgeBackgroundColor({ color: state.failed ? '#b3261e' : '#0f5fa8' });
  await action.setBadgeText({ text: state.running ? `${Math.min(99, Math.floor(state.percent))}%` : '!' });
}
