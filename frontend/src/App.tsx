import { Navigate, Route, Routes } from "react-router-dom";
import { DocumentTitle } from "./components/DocumentTitle";
import { Layout } from "./components/Layout";
import { RequireAuth } from "./components/RequireAuth";
import { JobsPage } from "./pages/jobs/JobsPage";
import { LibraryPage } from "./pages/LibraryPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SearchPage } from "./pages/SearchPage";
import { CollectionPage } from "./pages/collections/CollectionPage";
import { CollectionsPage } from "./pages/collections/CollectionsPage";
import { DownloadsPage } from "./pages/downloads/DownloadsPage";
import { HomePage } from "./pages/HomePage";
import { DetailPage } from "./pages/media/DetailPage";
import { PlayerPage } from "./pages/media/PlayerPage";
import { ReviewPage } from "./pages/ReviewPage";
import { SettingsPage } from "./pages/settings/SettingsPage";
import { StrmPage } from "./pages/Strm";
import { SetupPage } from "./pages/SetupPage";
import { PodcastPage } from "./pages/podcasts/PodcastPage";
import { PodcastsPage } from "./pages/podcasts/PodcastsPage";
import { ArticlesPage } from "./pages/articles/ArticlesPage";
import { ReaderPage } from "./pages/articles/ReaderPage";
import { ReceivePage } from "./pages/articles/ReceivePage";
import { SharePage } from "./pages/articles/SharePage";
import { BookPage } from "./pages/articles/BookPage";
import { BooksPage } from "./pages/articles/BooksPage";
import { PlexPage } from "./pages/plex/PlexPage";
import { DecisionsPage } from "./pages/decisions/DecisionsPage";
import { ActivityPage } from "./pages/activity/ActivityPage";
import { DevicesPage } from "./pages/devices/DevicesPage";
import { DiscsPage } from "./pages/discs/DiscsPage";
import { IptvPage } from "./pages/iptv/IptvPage";
import { MusicPage } from "./pages/music/MusicPage";
import { ArtistPage } from "./pages/music/ArtistPage";
import { AlbumPage } from "./pages/music/AlbumPage";

export function App() {
  return (
    <>
    <DocumentTitle />
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth><Layout /></RequireAuth>}>
        <Route index element={<Navigate to="/home" replace />} />
        <Route path="/home" element={<HomePage />} />
        <Route path="/library" element={<LibraryPage />} />
        <Route path="/media/:id" element={<DetailPage />} />
        <Route path="/media/:id/play" element={<PlayerPage />} />
        <Route path="/collections" element={<CollectionsPage />} />
        <Route path="/collections/:id" element={<CollectionPage />} />
        <Route path="/review" element={<ReviewPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/jobs" element={<JobsPage />} />
        <Route path="/downloads" element={<DownloadsPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/settings/strm" element={<StrmPage />} />
        <Route path="/podcasts" element={<PodcastsPage />} />
        <Route path="/podcasts/:id" element={<PodcastPage />} />
        <Route path="/articles" element={<ArticlesPage />} />
        <Route path="/articles/receive" element={<ReceivePage />} />
        <Route path="/articles/share" element={<SharePage />} />
        <Route path="/read/:mediaId" element={<ReaderPage />} />
        <Route path="/books" element={<BooksPage />} />
        <Route path="/books/:mediaId" element={<BookPage />} />
        <Route path="/plex" element={<PlexPage />} />
        <Route path="/decisions" element={<DecisionsPage />} />
        <Route path="/activity" element={<ActivityPage />} />
        <Route path="/devices" element={<DevicesPage />} />
        <Route path="/discs" element={<DiscsPage />} />
        <Route path="/iptv" element={<IptvPage />} />
        <Route path="/music" element={<MusicPage />} />
        <Route path="/music/artists/:id" element={<ArtistPage />} />
        <Route path="/music/albums/:id" element={<AlbumPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
    </>
  );
}
