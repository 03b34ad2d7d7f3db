import { useId, useState } from 'react';
import type { ServiceMap } from '../../../schema/explorer.ts';

/** Finds a service on the map by name or id (every service, drawn or not); Enter picks the first match. */
export function FindService({ map, onFind }: { map: ServiceMap | undefined; onFind: (id: string) => void }) {
  const [text, setText] = useState('');
  const listId = useId();
  const needle = text.trim().toLowerCase();
  const matches = needle && map ? map.services.filter((s) => s.name.toLowerCase().includes(needle) || s.id.toLowerCase().includes(needle)).slice(0, 20) : [];
  return (
    <label className="field">Find a service
      <input
        type="search" list={listId} value={text} placeholder="name or id" style={{ width: 220 }}
        onChange={(e) => {
          setText(e.target.value);
          const exact = map?.services.find((s) => s.id === e.target.value);
          if (exact) onFind(exact.id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) {
            e.preventDefault();
            onFind(matches[0].id);
          }
        }}
      />
      <datalist id={listId}>{matches.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</datalist>
    </label>
  );
}
