// The browser tab names the page: "<the page's heading> · Media Library". Every page has one <h1>
// (an item's page has the item's title), so the title follows it, including headings that arrive
// after their data loads.
import { useEffect } from "react";
import { useLocation } from "react-router-dom";

const APP = "Media Library";

export function DocumentTitle() {
  const { pathname } = useLocation();
  useEffect(() => {
    const apply = () => {
      const heading = (document.querySelector("main h1") ?? document.querySelector("h1"))?.textContent?.trim();
      const title = heading ? `${heading} · ${APP}` : APP;
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname]);
  return null;
}
