// Placeholder: issue 5 (browse, detail pages, player) fills this page. Until then it shows the
// honest empty state.
import { EmptyState } from "../components/Notice";

export function LibraryPage() {
  return (
    <section>
      <h1>Library</h1>
      <EmptyState title="No items yet">Films, shows, music and more appear here once the library has been scanned.</EmptyState>
    </section>
  );
}
