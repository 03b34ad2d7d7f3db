import { Link } from 'react-router';
import type { ImpactView } from '../../graph/viewState.ts';
import { changeFormPath } from '../../paths.ts';
import { useAccess } from '../../hooks/useSession.ts';

/** "New change from this impact": the change form with the chosen targets and effects; shown to those who may request changes. */
export function NewChangeLink({ targets }: { targets: ImpactView['targets'] }) {
  const access = useAccess();
  if (!targets.length || !access.may('change')) return null;
  return <Link className="button primary small" to={changeFormPath(targets)}>New change from this impact</Link>;
}
