// Placeholder: issue 5 (typo- and accent-forgiving search across every kind) fills this page.
import { EmptyState } from "../components/Notice";

export function SearchPage() {
  return (
    <section>
      <h1>Search</h1>
      <EmptyState title="Nothing to search yet">Search covers the library once it has items.</EmptyState>
    </section>
  );
}
