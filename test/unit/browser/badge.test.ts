import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showBadge } from '@/utils/browser/badge';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the toolbar badge', () => {
  it('shows progress, and asks the browser again only when the text or colour changes', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const setColor = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor');
    await showBadge({ running: true, percent: 10.4, failed: false });
    await showBadge({ running: true, percent: 10.9, failed: false });
    await showBadge({ running: true, percent: 55, failed: false });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('55%');
    expect(setText).toHaveBeenCalledTimes(2);
    expect(setColor).toHaveBeenCalledTimes(1);

    await showBadge({ running: false, percent: 100, failed: true });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(setColor).toHaveBeenCalledTimes(2);

    await showBadge(null);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(setText).toHaveBeenCalledTimes(4);
  });
});
