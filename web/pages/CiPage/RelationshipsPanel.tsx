import { Link } from 'react-router';
import type { CIPage, RelatedCI } from '../../../schema/explorer.ts';
import { relationshipTypes, relationshipWording, type Relationship } from '../../../schema/relationships.ts';
import { TypeBadge } from '../../components/Badges.tsx';
import { ciPath } from '../../paths.ts';

interface Group {
  key: string;
  title: string;
  items: { other: string; soft: boolean }[];
}

/** Relationships grouped by type in both directions: "depends on", "depended on by"... */
export function RelationshipsPanel({ page }: { page: CIPage }) {
  const related = new Map<string, RelatedCI>(page.related.map((r) => [r.id, r]));
  const groups = groupRelationships(page.outgoing, page.incoming);
  return (
    <section className="panel" aria-labelledby="relationships-title">
      <header><h2 id="relationships-title">Relationships</h2><span className="muted">{page.outgoing.length + page.incoming.length} in all</span></header>
      <div className="body">
        {groups.length === 0 && <p className="muted">Nothing relates to this CI yet.</p>}
        {groups.map((group) => (
          <div key={group.key} className="rel-group">
            <h3>{group.title} ({group.items.length})</h3>
            <ul>
              {group.items.map(({ other, soft }) => {
                const ci = related.get(other);
                return (
                  <li key={other}>
                    <Link to={ciPath(other)}>{ci?.name ?? other}</Link>{' '}
                    {ci && <TypeBadge type={ci.type} />} {soft && <span className="badge" title="a soft dependency degrades instead of going down">soft</span>}
                    {ci?.stale && <span className="badge stale">stale</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Outgoing then incoming, each in the order of relationshipTypes. */
function groupRelationships(outgoing: Relationship[], incoming: Relationship[]): Group[] {
  const groups: Group[] = [];
  for (const [direction, list] of [['forward', outgoing], ['inverse', incoming]] as const) {
    for (const type of relationshipTypes) {
      const items = list.filter((r) => r.type === type).map((r) => ({ other: direction === 'forward' ? r.to : r.from, soft: r.strength === 'soft' }));
      if (items.length) groups.push({ key: `${direction}-${type}`, title: capitalize(relationshipWording[type][direction]), items });
    }
  }
  return groups;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
