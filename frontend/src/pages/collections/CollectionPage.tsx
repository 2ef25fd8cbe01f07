// One collection. Manual ones can be reordered (move up/down), trimmed and deleted by their maker, a
// library manager or an admin (the server says so in can_edit); automatic ones follow TMDb and are
// ordered by year.
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { PosterGrid } from "../../components/PosterCard";
import { libraryApi, messageOf, type CollectionDetail } from "../../lib/api";

export function CollectionPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const [collection, setCollection] = useState<CollectionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    libraryApi.collection(Number(id)).then(setCollection).catch((e) => setError(messageOf(e)));
  }, [id]);
  useEffect(load, [load]);
  if (!collection) return <section><ErrorNotice message={error} /></section>;
  const ids = collection.items.map((i) => i.id);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const move = (index: number, by: number) => {
    const order = [...ids];
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved);
    void act(() => libraryApi.reorderCollection(collection.id, order));
  };
  return (
    <section>
      <div className="page-head">
        <h1>{collection.name}</h1>
        <Link to="/collections">All collections</Link>
      </div>
      <p className="muted">{collection.automatic ? "Automatic: follows TMDb, ordered by year."
        : collection.can_edit ? "Put the items in any order." : "Shared: only the person who made it or a library manager may change it."}</p>
      <ErrorNotice message={error} />
      <PosterGrid items={collection.items} label="Items" />
      {collection.can_edit ? (
        <>
          <h2>Order</h2>
          <ol className="ordered-items">
            {collection.items.map((item, n) => (
              <li key={item.id}>
                <span className="row-main">{item.title}</span>
                <button type="button" disabled={n === 0} onClick={() => move(n, -1)} aria-label={`Move ${item.title} up`}>↑</button>
                <button type="button" disabled={n === ids.length - 1} onClick={() => move(n, 1)} aria-label={`Move ${item.title} down`}>↓</button>
                <button type="button" className="button-quiet" onClick={() => void act(() => libraryApi.removeFromCollection(collection.id, item.id))}>Remove</button>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" className="button-danger" onClick={() => void act(async () => {
              await libraryApi.deleteCollection(collection.id);
              navigate("/collections");
            })}>Delete collection</button>
          </div>
        </>
      ) : null}
    </section>
  );
}
