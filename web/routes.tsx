import { createBrowserRouter } from 'react-router';
import { AppShell } from './components/AppShell.tsx';
import { ChangeCalendarPage } from './pages/ChangeCalendarPage/ChangeCalendarPage.tsx';
import { ChangeFormPage } from './pages/ChangeFormPage/ChangeFormPage.tsx';
import { ChangePage } from './pages/ChangePage/ChangePage.tsx';
import { ChangesPage } from './pages/ChangesPage/ChangesPage.tsx';
import { CiPage } from './pages/CiPage/CiPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';
import { ImpactPage } from './pages/ImpactPage/ImpactPage.tsx';
import { IncidentFormPage } from './pages/IncidentFormPage/IncidentFormPage.tsx';
import { IncidentPage } from './pages/IncidentPage/IncidentPage.tsx';
import { IncidentsPage } from './pages/IncidentsPage/IncidentsPage.tsx';
import { ImportsPage } from './pages/ImportsPage/ImportsPage.tsx';
import { MapPage } from './pages/MapPage/MapPage.tsx';
import { MeasuresPage } from './pages/MeasuresPage/MeasuresPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SearchPage } from './pages/SearchPage/SearchPage.tsx';
import { ServiceMapPage } from './pages/ServiceMapPage/ServiceMapPage.tsx';
import { UpstreamPage } from './pages/UpstreamPage/UpstreamPage.tsx';

/** Every page of the explorer; the server answers index.html for each of these paths. */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'ci/:id', element: <CiPage /> },
      { path: 'services', element: <ServiceMapPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'impact', element: <ImpactPage /> },
      { path: 'upstream', element: <UpstreamPage /> },
      { path: 'changes', element: <ChangesPage /> },
      { path: 'changes/calendar', element: <ChangeCalendarPage /> },
      { path: 'changes/measures', element: <MeasuresPage /> },
      { path: 'changes/new', element: <ChangeFormPage /> },
      { path: 'changes/:id', element: <ChangePage /> },
      { path: 'changes/:id/edit', element: <ChangeFormPage /> },
      { path: 'incidents', element: <IncidentsPage /> },
      { path: 'incidents/new', element: <IncidentFormPage /> },
      { path: 'incidents/:id', element: <IncidentPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
