import { NavLink } from 'react-router';

/** The change pages' own tabs: the list, the calendar, the measures, incidents, and a new change. */
export function ChangesNav() {
  return (
    <nav className="subnav" aria-label="Change enablement">
      <NavLink to="/changes" end>Changes</NavLink>
      <NavLink to="/changes/calendar">Calendar</NavLink>
      <NavLink to="/incidents">Incidents</NavLink>
      <NavLink to="/changes/measures">Measures</NavLink>
    </nav>
  );
}
