import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { accessOf } from '../access/accessOf.ts';
import { useSession } from '../hooks/useSession.ts';
import { SignInPage } from '../pages/SignInPage.tsx';
import { AccountStatus } from './AccountStatus.tsx';
import { Loading } from './QueryState.tsx';
import { SearchBox } from './SearchBox.tsx';

/**
 * The frame of every page: brand, the main routes, the global search (`/`
 * focuses it), and who is signed in. Pages wait for the session (one small
 * request), so that while sign-in is required and nobody is signed in, every
 * page asks for it at once instead of showing a 401 per panel. A session that
 * cannot be read leaves each page to say what failed.
 */
export function AppShell() {
  useFocusOnNavigation();
  const session = useSession();
  const { status } = accessOf(session.data);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Trellis home">
          <Logo />
          Trellis
        </Link>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/services">Service map</NavLink>
          <NavLink to="/impact">Impact</NavLink>
          <NavLink to="/upstream">Upstream</NavLink>
          <NavLink to="/changes">Changes</NavLink>
          <NavLink to="/imports">Imports</NavLink>
        </nav>
        <SearchBox id="global-search" globalShortcut />
        <AccountStatus />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {session.isPending ? <Loading what="your session" /> : status.kind === 'signed-out' ? <SignInPage /> : <Outlet />}
      </main>
    </div>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <rect x="1" y="1" width="6" height="6" rx="1.5" fill="#6ea0ff" />
      <rect x="13" y="1" width="6" height="6" rx="1.5" fill="#6ea0ff" />
      <rect x="7" y="13" width="6" height="6" rx="1.5" fill="#ffffff" />
      <path d="M4 7v3h12V7M10 10v3" stroke="#c5cedb" strokeWidth="1.5" fill="none" />
    </svg>
  );
}

/** After a navigation (not the first load, where a page may focus its own field), focus goes to the content, as a screen reader expects. */
function useFocusOnNavigation() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);
}
