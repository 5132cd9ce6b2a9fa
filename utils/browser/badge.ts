import { browser } from 'wxt/browser';

/** What the badge shows now, as this worker set it: a job's progress writes often, the badge changes seldom. */
const shown: { color?: string; text?: string } = {};

/** Shows a job's progress on the toolbar icon: a percentage while it runs, "!" when something failed. */
export async function showBadge(
  state: { running: boolean; percent: number; failed: boolean; text?: string } | null,
): Promise<void> {
  if (state?.text) return setBadge('#1d7a35', state.text);
  if (!state || (!state.running && !state.failed)) return setBadge(undefined, '');
  await setBadge(state.failed ? '#b3261e' : '#0f5fa8', state.running ? `${Math.min(99, Math.floor(state.percent))}%` : '!');
}

async function setBadge(color: string | undefined, text: string): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  if (color && color !== shown.color) {
    await action.setBadgeBackgroundColor({ color });
    shown.color = color;
  }
  if (text !== shown.text) {
    await action.setBadgeText({ text });
    shown.text = text;
  }
}
