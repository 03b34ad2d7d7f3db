import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Tabs in the WAI-ARIA pattern: arrow keys move between tabs, the panel follows. */
export function Tabs({ label, tabs }: { label: string; tabs: { id: string; title: string; content: () => ReactNode }[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    setActive(tabs[next]!.id);
    buttons.current[next]?.focus();
  };
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((tab, i) => (
          <button key={tab.id} ref={(el) => { buttons.current[i] = el; }} type="button" role="tab" id={`${base}-${tab.id}`} aria-selected={tab.id === current?.id} aria-controls={`${base}-${tab.id}-panel`}
            tabIndex={tab.id === current?.id ? 0 : -1} onClick={() => setActive(tab.id)} onKeyDown={(e) => onKeyDown(e, i)}>{tab.title}</button>
        ))}
      </div>
      {current && <div role="tabpanel" id={`${base}-${current.id}-panel`} aria-labelledby={`${base}-${current.id}`} style={{ paddingTop: 8 }}>{current.content()}</div>}
    </div>
  );
}
