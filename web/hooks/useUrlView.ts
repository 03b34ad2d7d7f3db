import { useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { readableQuery } from '../graph/searchParams.ts';

/**
 * A page's view kept in the URL, so that a link (or a reload) reproduces it:
 * read with the page's parser, written back with its serializer. Bad
 * parameters fall back to defaults and come back as `problems` to show.
 */
export function useUrlView<V>(read: (params: URLSearchParams) => { view: V; problems: string[] }, write: (view: V) => URLSearchParams) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const key = params.toString();
  const { view, problems } = useMemo(() => read(new URLSearchParams(key)), [key]);
  const setView = useCallback((next: V, options: { push?: boolean } = {}) => {
    navigate({ search: readableQuery(write(next)) }, { replace: !options.push });
  }, [navigate, write]);
  return { view, problems, setView };
}
