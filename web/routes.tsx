import { createBrowserRouter } from 'react-router';
import { AppShell } from './components/AppShell.tsx';
import { CiPage } from './pages/CiPage/CiPage.tsx';
import { HomePage } from './pages/HomePage/HomePage.tsx';
import { ImpactPage } from './pages/ImpactPage/ImpactPage.tsx';
import { ImportsPage } from './pages/ImportsPage/ImportsPage.tsx';
import { MapPage } from './pages/MapPage/MapPage.tsx';
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
      { path: 'imports', element: <ImportsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
