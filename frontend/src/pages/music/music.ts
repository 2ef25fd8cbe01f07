// Loading what the Music pages show of an artist or album: its row and its "about" (parents, and
// whether it has a picture, an album's cover.jpg included).
import { useEffect, useState } from "react";
import { libraryApi, messageOf, type MediaAbout, type MediaDetail } from "../../lib/api";

export function useItemAndAbout(id: string) {
  const [item, setItem] = useState<MediaDetail | null>(null);
  const [about, setAbout] = useState<MediaAbout | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([libraryApi.media(id), libraryApi.about(id)])
      .then(([row, extra]) => { setItem(row); setAbout(extra); setError(null); })
      .catch((e) => setError(messageOf(e)));
  }, [id]);
  return { item, about, error };
}
