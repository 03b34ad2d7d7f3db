import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { StoredCI } from '../../schema/configItem.ts';
import { ApiError } from '../api/client.ts';
import { useCISearch } from '../hooks/useCIs.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { ciPath } from '../paths.ts';
import { TypeBadge } from './Badges.tsx';

/** How many results the type-ahead lists; the rest are a click away on the search page. */
const typeAheadSize = 8;
/** The type-ahead counts matches up to this many ("8 of 1,000+"): an exact count costs a scan at a million CIs. */
const typeAheadCount = 1000;

interface SearchBoxProps {
  id: string;
  /** Focus this box when `/` is pressed anywhere outside a text field. */
  globalShortcut?: boolean;
  className?: string;
  placeholder?: string;
  /** What choosing a result does; by default its CI page opens. */
  onChoose?: (ci: StoredCI) => void;
  autoFocus?: boolean;
}

/**
 * Type-ahead over CI ids, names, types and attribute values (the WAI-ARIA
 * combobox pattern): debounced, each superseded request cancelled, arrows to
 * move, Enter to open, Escape to close.
 */
export function SearchBox({ id, globalShortcut, className, placeholder, onChoose, autoFocus }: SearchBoxProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const navigate = useNavigate();
  const query = useDebounced(text.trim(), 150);
  const search = useCISearch({ text: query, limit: typeAheadSize, countUpTo: typeAheadCount }, open && query.length > 0);
  const items = query ? (search.data?.items ?? []) : [];
  useGlobalShortcut(globalShortcut ? input : undefined);
  useEffect(() => setActive(0), [query]);

  const choose = (ci: StoredCI) => {
    setOpen(false);
    setText('');
    if (onChoose) onChoose(ci);
    else navigate(ciPath(ci.id));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (items.length) setActive((i) => (i + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = items[active];
      if (chosen && open) choose(chosen);
      else if (text.trim() && !onChoose) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else input.current?.blur();
    }
  };
  const expanded = open && query.length > 0;
  return (
    <div className={`search ${className ?? ''}`} role="search">
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="7" cy="7" r="5" stroke="currentColor" strokeWidth="1.6" fill="none" /><path d="M11 11l3.5 3.5" stroke="currentColor" strokeWidth="1.6" /></svg>
      <label htmlFor={id} className="visually-hidden">Search CIs by id, name, type or attribute</label>
      <input
        ref={input} id={id} type="search" role="combobox" autoComplete="off" spellCheck={false} autoFocus={autoFocus}
        aria-expanded={expanded} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={expanded && items[active] ? `${listId}-${active}` : undefined}
        placeholder={placeholder ?? 'Search CIs by id, name, type or attribute'}
        value={text}
        onChange={(event) => { setText(event.target.value); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {globalShortcut && !text && <kbd aria-hidden="true">/</kbd>}
      {expanded && (
        <ul className="search-results" id={listId} role="listbox" aria-label="Matching CIs">
          {items.map((ci, index) => (
            <li key={ci.id} id={`${listId}-${index}`} role="option" aria-selected={index === active} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(ci)} onMouseEnter={() => setActive(index)}>
              <span className="name">{ci.name}</span>
              <span className="id">{ci.id}</span>
              <TypeBadge type={ci.type} />
            </li>
          ))}
          <li className="footer" role="presentation" aria-live="polite">{describeResults(search.isFetching, search.error, search.data, items.length)}</li>
        </ul>
      )}
    </div>
  );
}

function describeResults(fetching: boolean, error: unknown, page: { total: number; totalCapped?: true } | undefined, shown: number): string {
  if (error instanceof ApiError && error.status === 401) return 'Sign in to search.';
  if (error) return 'Search failed; try again.';
  if (page === undefined) return fetching ? 'Searching…' : '';
  const { total } = page;
  if (total === 0) return fetching ? 'Searching…' : 'No CI matches.';
  const count = `${total.toLocaleString('en')}${page.totalCapped ? '+' : ''}`;
  return total > shown ? `${shown} of ${count}: Enter on the box for all` : `${total} ${total === 1 ? 'match' : 'matches'}`;
}

/** `/` anywhere outside a text field focuses the box. */
function useGlobalShortcut(input: React.RefObject<HTMLInputElement | null> | undefined) {
  useEffect(() => {
    if (!input) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}
