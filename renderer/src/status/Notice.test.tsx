// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from '../testing/render.js';
import { Notice } from './Notice.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('<Notice>', () => {
  it('shows nothing when there is nothing to say', () => {
    const { container } = renderConsole(<Notice />);
    expect(container.textContent).toBe('');
  });

  it('keeps an error on screen until the dispatcher dismisses it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store } = renderConsole(<Notice />);
    act(() => store.getState().notify('Journal unavailable: incident not saved'));
    expect(screen.getByRole('alert').textContent).toContain('Journal unavailable: incident not saved');
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByRole('alert').textContent).toContain('Journal unavailable: incident not saved');
    vi.useRealTimers();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().notice).toBeNull();
  });

  it('lets information fade after six seconds', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store } = renderConsole(<Notice />);
    act(() => store.getState().notify('PC12: arrest restored.', 'info'));
    expect(screen.getByRole('status').textContent).toContain('PC12: arrest restored.');
    act(() => vi.advanceTimersByTime(5_900));
    expect(screen.getByRole('status')).toBeTruthy();
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('gives a newer message its own six seconds', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { store } = renderConsole(<Notice />);
    act(() => store.getState().notify('first', 'info'));
    act(() => vi.advanceTimersByTime(4_000));
    act(() => store.getState().notify('second', 'info'));
    act(() => vi.advanceTimersByTime(4_000));
    expect(screen.getByRole('status').textContent).toContain('second');
    act(() => vi.advanceTimersByTime(2_100));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('does not let an error be cleared by the fade timer of the information before it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store } = renderConsole(<Notice />);
    act(() => store.getState().notify('saved', 'info'));
    act(() => vi.advanceTimersByTime(3_000));
    act(() => store.getState().notify('Host refused: incident closed'));
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByRole('alert').textContent).toContain('Host refused: incident closed');
  });
});
