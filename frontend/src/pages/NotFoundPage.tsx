import { Link } from "react-router-dom";
import { EmptyState } from "../components/Notice";

export function NotFoundPage() {
  return (
    <section>
      <h1>Not found</h1>
      <EmptyState title="There is no page at this address.">
        <Link to="/library">Go to the library</Link>
      </EmptyState>
    </section>
  );
}
