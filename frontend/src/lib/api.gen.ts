// openapi sha256: 46f580368d8275aad521be6da2476b9197ea052ff88ec386de6a67e5106ac9e4
// Generated from /api/openapi.json by scripts/gen-api.mjs (openapi-typescript). Do not edit:
// run `.venv/bin/python scripts/dump_openapi.py && npm --prefix frontend run gen:api`.

export interface paths {
    "/api/2/auth/{username}/login.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** gPodder log-in check (HTTP Basic) */
        post: operations["gpodder.gpodder_login.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2/auth/{username}/logout.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** gPodder log-out (nothing to end: each call authenticates) */
        post: operations["gpodder.gpodder_logout.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2/devices/{username}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** gPodder devices (none are kept; clients create theirs) */
        get: operations["gpodder.gpodder_devices.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2/devices/{username}/{device}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** gPodder device update (accepted, not kept) */
        post: operations["gpodder.gpodder_device.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2/episodes/{username}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Episode actions since a timestamp */
        get: operations["gpodder.gpodder_actions.get"];
        put?: never;
        /** Upload episode actions (play positions, downloads, deletes) */
        post: operations["gpodder.gpodder_upload_actions.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/2/subscriptions/{username}/{device}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscription changes since a timestamp */
        get: operations["gpodder.gpodder_subscriptions.get"];
        put?: never;
        /** Upload subscription changes */
        post: operations["gpodder.gpodder_upload_subscriptions.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The activity log, newest first (admins), filtered and paged by before_id */
        get: operations["activity.list_activity.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/activity/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event names the activity log records */
        get: operations["activity.activity_events.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved articles, newest first (status, tag, archived=0|1 filters; before=<id> pages on) */
        get: operations["articles.list_articles.get"];
        put?: never;
        /** Save an article by URL (queued as an article.save job) */
        post: operations["articles.save.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/{article_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One article with the caller's reading state */
        get: operations["articles.get_article.get"];
        put?: never;
        post?: never;
        /** Forget an article and its library item (its folder stays on disk) */
        delete: operations["articles.delete_article.delete"];
        options?: never;
        head?: never;
        /** Change an article's tags */
        patch: operations["articles.update_article.patch"];
        trace?: never;
    };
    "/api/articles/{article_id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A saved article's sanitised HTML (images on our origin) */
        get: operations["articles.content.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/{article_id}/epub": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One saved article as an EPUB */
        get: operations["articles.export_one.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/{article_id}/images/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image saved with an article */
        get: operations["articles.image.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/{article_id}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The page as it was fetched, as a download (never rendered) */
        get: operations["articles.original.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/{article_id}/reading": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save the caller's progress (0-1), archive or favourite mark */
        put: operations["articles.set_reading.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/bookmarklet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save a page as the browser rendered it (for pages that need JavaScript or a login) */
        post: operations["articles.save_rendered.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/by-media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The article that is this library item, with the caller's reading state */
        get: operations["articles.get_by_media.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/export.epub": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every saved article with a tag, as one EPUB */
        get: operations["articles.export_tag.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/feed.atom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An Atom feed of the newest saved articles (session or a token in the Authorization header) */
        get: operations["articles.feed.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/highlights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's highlights in one article or book, in reading order */
        get: operations["articles.list_highlights.get"];
        put?: never;
        /** Highlight a passage (plain-text anchor: offsets and the quote with its context), with an optional note */
        post: operations["articles.add_highlight.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/articles/highlights/{highlight_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of the caller's highlights */
        delete: operations["articles.delete_highlight.delete"];
        options?: never;
        head?: never;
        /** Change the note of one of the caller's highlights */
        patch: operations["articles.update_highlight.patch"];
        trace?: never;
    };
    "/api/articles/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue every link of a Pocket (CSV/HTML), Wallabag or Omnivore (JSON), Readwise Reader (CSV) or browser bookmarks export */
        post: operations["articles.import_export.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with username and password (throttled) */
        post: operations["auth.login.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out: the session ends on the server */
        post: operations["auth.logout.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user and the CSRF token for unsafe requests */
        get: operations["auth.me.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's own password; every session ends, this one is renewed */
        post: operations["auth.change_password.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a book: one .epub, .pdf or .cbz file as multipart field 'file' */
        post: operations["books.add_book.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A book with the caller's reading state */
        get: operations["books.get_book.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/{media_id}/cover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A book's cover.jpg */
        get: operations["books.cover.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/{media_id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a book's details (its file, if any, stays where it is) */
        patch: operations["books.edit_book.patch"];
        trace?: never;
    };
    "/api/books/{media_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a book (PDF opens in the browser's viewer) */
        get: operations["books.book_file.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/{media_id}/reading": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save the caller's progress (0-1), archive or favourite mark */
        put: operations["books.set_reading.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/{media_id}/text": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An EPUB's chapters as sanitised HTML, for the app's reader */
        get: operations["books.book_text.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/manual/new": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a book by hand (no file): title, authors, year, ISBN, series */
        post: operations["books.add_manual.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/books/opds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OPDS 1.2 catalog of books (Atom acquisition feed; Bearer or HTTP Basic with a books token as the password) */
        get: operations["books.opds.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every collection, manual and automatic, with its size */
        get: operations["collections.list_collections.get"];
        put?: never;
        /** Create a manual collection */
        post: operations["collections.create_collection.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collections/{collection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A collection with its items in order */
        get: operations["collections.get_collection.get"];
        put?: never;
        post?: never;
        /** Delete a manual collection (its items stay) */
        delete: operations["collections.delete_collection.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collections/{collection_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an item at the end of a manual collection */
        post: operations["collections.add_item.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collections/{collection_id}/items/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take an item out of a manual collection */
        delete: operations["collections.remove_item.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/collections/{collection_id}/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put a manual collection's items in a new order */
        put: operations["collections.reorder.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Decisions, newest first (film=tmdb:<id>, action, before=<id>, limit) */
        get: operations["decisions.list_decisions.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/{decision_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One decision with its facts, rule and reason */
        get: operations["decisions.get_decision.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a history back-fill from Jellystat or Jellyfin's PlayCount */
        post: operations["decisions.backfill.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/cleanup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a clean-up run (dry_run defaults to the decisions.dry_run setting) */
        post: operations["decisions.cleanup.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest webhook deliveries */
        get: operations["decisions.events.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Our watch history, newest first */
        get: operations["decisions.history.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/leaving": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Kept films that nobody watches, listed before their deletion */
        get: operations["decisions.leaving.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Films a person set to always keep or never download */
        get: operations["decisions.list_overrides.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/overrides/{tmdb_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Always keep or never download this film (by TMDb id) */
        put: operations["decisions.set_override.put"];
        post?: never;
        /** Remove a film's override */
        delete: operations["decisions.delete_override.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/radarr/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the Radarr connection: its version, quality profiles and root folders */
        post: operations["decisions.test_radarr.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rules, highest priority first, with the facts and operators a condition may use */
        get: operations["decisions.list_rules.get"];
        put?: never;
        /** Add a rule */
        post: operations["decisions.add_rule.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a rule */
        delete: operations["decisions.delete_rule.delete"];
        options?: never;
        head?: never;
        /** Change a rule */
        patch: operations["decisions.update_rule.patch"];
        trace?: never;
    };
    "/api/decisions/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The decisions settings (secrets only as set or not) */
        get: operations["decisions.settings.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/decisions/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The decision a film would get now, for a user, without storing or doing anything */
        get: operations["decisions.what_if.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My sessions (browser, OS, address, last seen) and API tokens; all=1: everyone's (admins) */
        get: operations["activity.list_devices.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of my sessions (admins: anyone's); its sockets drop */
        delete: operations["activity.end_session.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my API tokens (admins: anyone's); its sockets drop */
        delete: operations["activity.revoke_any_token.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discs seen, newest first */
        get: operations["discs.list_discs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One disc */
        get: operations["discs.get_disc.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}/choice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct the title, pick a match or set TV parameters (window open) */
        post: operations["discs.update_choice.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the rip now (rip_again for a disc ripped before) */
        post: operations["discs.confirm.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the countdown: nothing is ripped until confirmed */
        post: operations["discs.hold.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The disc's titles (or CD tracks) and what the rip would make now */
        get: operations["discs.plan.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/discs/{disc_id}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search matches for another title */
        post: operations["discs.search.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Downloads (single videos and playlists), newest first */
        get: operations["downloads.list_downloads.get"];
        put?: never;
        /** Download a video, playlist or channel by URL (http or https only) */
        post: operations["downloads.add_download.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/{download_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One download with its entries (a playlist's, in order) */
        get: operations["downloads.get_download.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/{download_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a download (and a playlist's unfinished entries) */
        post: operations["downloads.cancel_download.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/cookies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Store a cookies.txt (Netscape format) for sites with a bot check or login */
        put: operations["downloads.store_cookies.put"];
        post?: never;
        /** Forget the stored cookies.txt */
        delete: operations["downloads.forget_cookies.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/engine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The download engine: yt-dlp's version, presets, whether cookies are stored */
        get: operations["downloads.engine.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/playlists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported external playlists with their matches */
        get: operations["downloads.list_playlists.get"];
        put?: never;
        /** Import a playlist (Exportify CSV, Spotify JSON or M3U) and match it against the music library */
        post: operations["downloads.import_playlist.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/playlists/{playlist_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One imported playlist: matched and missing tracks */
        get: operations["downloads.get_playlist.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/playlists/{playlist_id}/fetch-missing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue the missing tracks as audio downloads from the admin's downloads.track_search_url */
        post: operations["downloads.fetch_missing_tracks.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/playlists/{playlist_id}/m3u": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The matched tracks as M3U8 (for Jellyfin or Navidrome) */
        get: operations["downloads.playlist_m3u.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Channel and playlist subscriptions */
        get: operations["downloads.list_subscriptions.get"];
        put?: never;
        /** Subscribe to a channel or playlist (checked now, then on its schedule) */
        post: operations["downloads.add_subscription.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/subscriptions/{subscription_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop a subscription (its videos stay) */
        delete: operations["downloads.delete_subscription.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/downloads/subscriptions/{subscription_id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a subscription now */
        post: operations["downloads.check_subscription.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health: status, version, mode, services, needs_setup */
        get: operations["health.health.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Next up in the shows you watch, continue watching and recently added, for you */
        get: operations["browse.home.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** IPTV accounts (never their passwords) */
        get: operations["iptv.list_accounts.get"];
        put?: never;
        /** Add an Xtream Codes account (its first sync is queued) */
        post: operations["iptv.add_account.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an account and its catalog (downloaded files stay) */
        delete: operations["iptv.remove_account.delete"];
        options?: never;
        head?: never;
        /** Rename an account or change its server or credentials */
        patch: operations["iptv.edit_account.patch"];
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/catalog/{section}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of films, series or live channels */
        get: operations["iptv.browse.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/catalog/{section}/{stream_id}/favorite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mark or unmark one of your favorites */
        put: operations["iptv.favorite.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/catalog/{section}/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Actors of a section's cast lists */
        get: operations["iptv.actors.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/catalog/{section}/sidebar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categories, language folders and counts */
        get: operations["iptv.sidebar.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/live/{stream_id}/hls/{part_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment or variant playlist a live channel's HLS playlist names (by our opaque id) */
        get: operations["iptv.live_part.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/live/{stream_id}/index.m3u8": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A live channel as HLS through our proxy: the provider's playlist with every URI replaced by one of ours */
        get: operations["iptv.live_playlist.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/play/{kind}/{stream_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Play a film, an episode (single Range passed through) or a live channel through our proxy */
        get: operations["iptv.play.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/series/{series_id}/episodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A series with its seasons and episodes (asked of the provider, then kept) */
        get: operations["iptv.series.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/series/{series_id}/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Track a series: all episodes, from a season on, or only new ones */
        put: operations["iptv.track.put"];
        post?: never;
        /** Stop tracking a series */
        delete: operations["iptv.untrack.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync the catalog now (an iptv.sync job) */
        post: operations["iptv.sync_account.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/accounts/{account_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connection: status, expiry on the server's clock, max and active connections */
        post: operations["iptv.test_account.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/downloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** IPTV downloads, newest first */
        get: operations["iptv.list_downloads.get"];
        put?: never;
        /** Download a film or an episode into the library */
        post: operations["iptv.add_download.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/downloads/{download_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a finished, failed or cancelled download from the list (a published file stays in the library) */
        delete: operations["iptv.remove_download.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/downloads/{download_id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause, resume or cancel a download */
        post: operations["iptv.control_download.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/strm/{account_id}/{kind}/{stream_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A film or an episode for STRM files (the export's stream-only token in ?token=), through our proxy */
        get: operations["iptv.strm_play.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/tracked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tracked series */
        get: operations["iptv.list_tracked.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/tracked/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Look for new episodes of tracked series now (an iptv.track_check job) */
        post: operations["iptv.check_tracked.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/tv/live/{account_id}/{stream_id}.ts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A live channel as MPEG-TS, through our proxy */
        get: operations["iptv_tv.live.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/tv/playlist.m3u": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every live channel as an M3U playlist of our proxy URLs */
        get: operations["iptv_tv.playlist.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iptv/tv/xmltv.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme guide of the playlist's channels (XMLTV) */
        get: operations["iptv_tv.guide.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs, newest first, paged by before_id */
        get: operations["jobs.list_jobs.get"];
        put?: never;
        /** Queue a job */
        post: operations["jobs.create_job.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job */
        get: operations["jobs.get_job.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a job (a running one stops soon) */
        post: operations["jobs.cancel_job.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a failed, cancelled or interrupted job again */
        post: operations["jobs.retry_job.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Job kinds this server can run */
        get: operations["jobs.job_kinds.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library grid: filtered, sorted, paged by an opaque cursor */
        get: operations["browse.library.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/folders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library folders with their kinds, the media folder (whose own files are scanned too) and the folders outside it that may hold library folders */
        get: operations["library.list_folders.get"];
        put?: never;
        /** Add a library folder (absolute, or relative to the media folder) with its kind; it must lie inside the media folder or library.allowed_folders */
        post: operations["library.add_folder.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/folders/{folder_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop scanning a library folder (its files and items stay in the library) */
        delete: operations["library.remove_folder.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/genres": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Genres of the top-level items, for the filter */
        get: operations["browse.genres.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/organize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move identified files into the library naming */
        post: operations["library.organize.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/organize/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every move organize would make, with collisions */
        get: operations["library.organize_preview.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/organize/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the last organized batch back */
        post: operations["library.organize_undo.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/reidentify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Identify every unlocked item again */
        post: operations["library.reidentify_all.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Scan every library folder and the media folder's own files (or one folder: folder_id) now; the job reports progress and ends with found, new, changed and removed */
        post: operations["library.scan.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List library items, paged by key (after_id) */
        get: operations["library.list_media.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One item with its files, ids, artwork and match candidates */
        get: operations["library.get_media.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit an item's title, year, overview or genres (kept over refreshes) */
        patch: operations["browse.edit.patch"];
        trace?: never;
    };
    "/api/media/{media_id}/about": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An item's cast, tagline, external links, parents, collections and your playback */
        get: operations["browse.about.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/artwork": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An item's main picture: its poster, an album's cover */
        get: operations["library.get_main_artwork.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/artwork/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cached artwork (poster, backdrop) of an item; an album's poster is its cover, an artist's its first album's */
        get: operations["library.get_artwork.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/candidates/{rank}/poster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A review candidate's poster, fetched through TMDb once and served from here */
        get: operations["library.get_candidate_poster.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide about a second copy waiting in review: keep both (versions), replace the old copy (moved to the trash) or discard the new one; answers the item the library keeps. For a music track, scope album gives the same answer for every held copy of a track of that album */
        post: operations["library.decide_duplicate.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Identify an item's files again (also releases a manual match) */
        post: operations["library.reidentify.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pick the match by hand (sticky: rescans never undo it): a TMDb id for a film or show; for music a MusicBrainz release (scope album: every file of the album's folder; track: this file) or recording */
        post: operations["library.match.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/play": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** How this browser plays a file: direct, or remuxed/transcoded to HLS (with why) */
        post: operations["player.play.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/playback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where you are in an item (and whether to offer resuming) */
        get: operations["playback.get_playback.get"];
        /** Save where you are (near the end counts as watched) */
        put: operations["playback.save_playback.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search TMDb for an item by what a person typed (title, year) or by a TMDb/IMDb/TVDB id; writes nothing */
        get: operations["library.search.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stream a file of an item (single Range requests) */
        get: operations["stream.stream.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** Stream a file of an item (single Range requests) */
        head: operations["stream.stream.head"];
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/stream-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed, expiring stream URL for an external player */
        post: operations["stream.stream_link.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/subtitles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sidecar subtitles (.srt/.vtt) next to an item's file */
        get: operations["subtitles.list_subtitles.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/subtitles/{index}.vtt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sidecar subtitle converted to WebVTT */
        get: operations["subtitles.get_subtitle.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/subtitles/embedded/{index}.vtt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An embedded text subtitle stream of a file, as WebVTT */
        get: operations["player.embedded_subtitle.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audio files' own tags (what a manual music match starts from) */
        get: operations["library.media_tags.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}/watched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an item watched or not watched, for you */
        post: operations["playback.set_watched.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/monitor/discs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A monitor announces a disc (idempotent on key) */
        post: operations["monitor.announce.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/monitor/discs/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The disc as the server sees it (status, confirmed choice) */
        get: operations["monitor.remote_disc.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/monitor/discs/{key}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Progress of a rip running on the monitor */
        post: operations["monitor.remote_progress.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/monitor/discs/{key}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Files the monitor staged under .incoming/, or its error */
        post: operations["monitor.remote_result.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/music/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search MusicBrainz for releases (by album, artist) and recordings (by title); writes nothing */
        get: operations["library.music_search.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (no secrets in it: it answers anyone, before setup too) */
        get: operations["openapi.openapi_document.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/libraries/{library_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Include a library in syncs or leave it out */
        patch: operations["plex.set_library.patch"];
        trace?: never;
    };
    "/api/plex/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plex servers (tokens are never returned) */
        get: operations["plex.list_servers.get"];
        put?: never;
        /** Add a Plex server (checked through /identity; its libraries are listed) */
        post: operations["plex.add_server.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a server, its mappings and its records (the items and files it brought stay in the library) */
        delete: operations["plex.delete_server.delete"];
        options?: never;
        head?: never;
        /** Rename a server, change its URL or token, or pause it */
        patch: operations["plex.update_server.patch"];
        trace?: never;
    };
    "/api/plex/servers/{server_id}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's Plex accounts (whose watched state can be imported) */
        get: operations["plex.accounts.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/discover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find shows on the server by title and year */
        get: operations["plex.discover.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/libraries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's libraries as last listed, with their Location paths and imported item counts */
        get: operations["plex.libraries.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/libraries/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** List the server's libraries again */
        post: operations["plex.refresh_libraries.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Path mappings (Plex prefix → local prefix) */
        get: operations["plex.list_mappings.get"];
        put?: never;
        /** Map a Plex path prefix to a local one (for the server, or one library) */
        post: operations["plex.add_mapping.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/mappings/{mapping_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a path mapping */
        delete: operations["plex.delete_mapping.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/mappings/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which mapped folders and library roots exist on this machine */
        get: operations["plex.check_mappings.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync the server (all enabled libraries, one library, or one show) as a job */
        post: operations["plex.sync.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connection (GET /identity with the token) */
        post: operations["plex.test_server.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/unmapped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported files whose Plex path no mapping covers */
        get: operations["plex.unmapped.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plex users mapped to our users */
        get: operations["plex.list_user_maps.get"];
        put?: never;
        /** Map a Plex user to one of ours (their token, if given, reads their own watched state) */
        post: operations["plex.add_user_map.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plex/servers/{server_id}/users/{map_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user mapping */
        delete: operations["plex.delete_user_map.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcast-feeds/{podcast_id}.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RSS of one podcast's downloaded episodes (HTTP Basic) */
        get: operations["podcast_feeds.podcast_feed.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcast-feeds/all.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RSS of every downloaded episode (HTTP Basic, token of scope podcast_feeds) */
        get: operations["podcast_feeds.all_feed.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcast-feeds/episodes/{episode_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A downloaded episode's file (Range, If-Range) */
        get: operations["podcast_feeds.episode_file.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /** A downloaded episode's file (Range, If-Range) */
        head: operations["podcast_feeds.episode_file.head"];
        patch?: never;
        trace?: never;
    };
    "/api/podcasts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Podcasts subscribed to, by title */
        get: operations["podcasts.list_podcasts.get"];
        put?: never;
        /** Subscribe to a feed (its first check is queued) */
        post: operations["podcasts.subscribe.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcasts/{podcast_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A podcast and its episodes, newest first */
        get: operations["podcasts.get_podcast.get"];
        put?: never;
        post?: never;
        /** Unsubscribe (downloaded files stay in the library) */
        delete: operations["podcasts.unsubscribe.delete"];
        options?: never;
        head?: never;
        /** Change a podcast's download mode, retention, schedule or notifications */
        patch: operations["podcasts.update_podcast.patch"];
        trace?: never;
    };
    "/api/podcasts/{podcast_id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the feed now */
        post: operations["podcasts.refresh.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcasts/directory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the podcast directory (podcasts.directory_url) */
        get: operations["podcasts.directory.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcasts/episodes/{episode_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Star an episode or mark it played */
        patch: operations["podcasts.mark.patch"];
        trace?: never;
    };
    "/api/podcasts/episodes/{episode_id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Download an episode into the library */
        post: operations["podcasts.download.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcasts/episodes/{episode_id}/position": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save where you are in a downloaded episode (your resume position; played near the end) */
        put: operations["podcasts.save_position.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/podcasts/opml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every subscription as OPML */
        get: operations["podcasts.export_opml.get"];
        put?: never;
        /** Subscribe to every feed of an OPML file (its text, as AntennaPod, Pocket Casts or Overcast export it) */
        post: operations["podcasts.import_opml.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posters/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A TMDb poster of a search result or a disc's candidate, fetched through TMDb once and served from here */
        get: operations["library.get_tmdb_poster.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items waiting for a person: below the identify threshold, with candidates */
        get: operations["library.review.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search every kind by title, forgiving accents, punctuation and typos, then full texts (with a marked snippet) */
        get: operations["browse.search.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The external services' keys: set or not, and from where (never the key): origin app or config */
        get: operations["service_keys.list_keys.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/services/{service}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a service's key (write-only: the answer says only that it is set) */
        put: operations["service_keys.replace_key.put"];
        post?: never;
        /** Forget the key set in the app (the configured one, if any, is used again) */
        delete: operations["service_keys.clear_key.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/services/{service}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Call the service with the key in use and say what it found */
        post: operations["service_keys.test_key.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first admin still has to be created */
        get: operations["setup.setup_status.get"];
        put?: never;
        /** Create the first admin (needs the setup code) and log in */
        post: operations["setup.setup.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/last-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Summary of the last export (counts, guard, report) */
        get: operations["strm.last_run.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dry run: decide and report, write and delete nothing (a job) */
        post: operations["strm.preview.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/report.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last export's report as CSV (path, action, item, reason) */
        get: operations["strm.report_csv.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export now (a strm.export job); body: style, cleanup, force */
        post: operations["strm.run_now.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The effective STRM export settings */
        get: operations["strm.get_settings.get"];
        /** Change STRM export settings (any subset of the strm.* keys) */
        put: operations["strm.put_settings.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/strm/token/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the export's stream token and make a new one (the next export rewrites every .strm) */
        post: operations["strm.rotate_token.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my tokens and the scopes a token may have */
        get: operations["tokens.list_tokens.get"];
        put?: never;
        /** Create a token; its secret is in this answer only */
        post: operations["tokens.create_token.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my tokens */
        delete: operations["tokens.revoke_token.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transcode/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a playback session: ffmpeg stops and its segments are removed */
        delete: operations["player.end_session.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transcode/{session_id}/{index}.ts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One MPEG-TS segment (waits while ffmpeg writes it) */
        get: operations["player.hls_segment.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transcode/{session_id}/index.m3u8": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The HLS playlist of a playback session (the whole file, VOD) */
        get: operations["player.hls_playlist.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload media files (multipart field 'file', one or more); identify is queued */
        post: operations["library.upload.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["users.list_users.get"];
        put?: never;
        /** Create a user */
        post: operations["users.create_user.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a user */
        delete: operations["users.delete_user.delete"];
        options?: never;
        head?: never;
        /** Change a user's role, disabled flag or password */
        patch: operations["users.update_user.patch"];
        trace?: never;
    };
    "/api/webhooks/jellyfin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Jellyfin webhook delivery (template or Send All Properties; text/plain or application/json). Authenticated by X-Webhook-Secret or a `webhook` token */
        post: operations["webhook.jellyfin_webhook.post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: string;
            status: number;
            message: string;
        };
        User: {
            id: number;
            username: string;
            /** @enum {string} */
            role: "viewer" | "manager" | "admin";
            disabled: boolean;
            created_at: number;
        };
        Token: {
            id: number;
            name: string;
            scope: string;
            created_at: number;
            last_used_at: number | null;
            revoked: boolean;
        };
        Session: {
            user: components["schemas"]["User"];
            csrf_token: string | null;
        };
        Me: {
            user: components["schemas"]["User"];
            csrf_token: string | null;
            /** @enum {string} */
            auth: "session" | "token";
            scope: string | null;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            version: string;
            mode: string;
            uptime_s: number;
            services: {
                [key: string]: components["schemas"]["ServiceState"];
            };
            needs_setup: boolean;
            disk: components["schemas"]["DiskSpace"];
        };
        DiskSpace: {
            /** @enum {string} */
            state: "ok" | "low" | "full";
            free_bytes: number;
            total_bytes: number;
            low_space_bytes: number;
        };
        ServiceState: {
            state: string;
            restarts: number;
            error: string | null;
        };
        Job: {
            id: number;
            kind: string;
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed" | "cancelled" | "interrupted";
            progress: number;
            message: string;
            result: unknown;
            error: string | null;
            attempts: number;
            max_attempts: number;
            priority: number;
            run_after: number;
            cancel_requested: boolean;
            parent_id: number | null;
            created_at: number;
            started_at: number | null;
            finished_at: number | null;
            updated_at: number;
        };
        MediaItem: {
            id: string;
            /** @enum {string} */
            kind: "movie" | "show" | "season" | "episode" | "artist" | "album" | "track" | "video" | "podcast_episode" | "article" | "book" | "unknown";
            title: string;
            parent_id: string | null;
            year: number | null;
            original_title: string | null;
            overview: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            air_date: string | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            match_locked: boolean;
            external_ids: {
                [key: string]: string;
            };
            added_at: number;
            updated_at: number;
            disc_number: number | null;
            track_number: number | null;
        };
        MediaFile: {
            id: number;
            path: string;
            size: number;
            duration_s: number | null;
            container: string | null;
            video_codec: string | null;
            width: number | null;
            height: number | null;
            audio_codecs: string[];
            missing: boolean;
            original_name: string | null;
        };
        Candidate: {
            rank: number;
            provider: string;
            provider_id: string;
            kind: string;
            title: string;
            year: number | null;
            runtime_minutes: number | null;
            poster_url: string | null;
            score: number;
            overview?: string;
        };
        DuplicateOf: {
            media_id: string;
            title: string;
            year: number | null;
            same_content: boolean;
            files: components["schemas"]["MediaFile"][];
            collision_path: string | null;
        };
        MusicRelease: {
            musicbrainz_release: string;
            title: string;
            artist: string;
            year: number | null;
            date: string;
            country: string;
            status: string;
            track_count: number | null;
            formats: string[];
            label: string;
            score: number | null;
            tracks: {
                disc: number | null;
                position: number | null;
                title: string;
                length_s: number | null;
            }[];
        };
        MusicRecording: {
            musicbrainz_recording: string;
            title: string;
            artist: string;
            length_s: number | null;
            score: number | null;
            releases: {
                musicbrainz_release: string;
                title: string;
                year: number | null;
                country: string;
            }[];
        };
        MusicSearch: {
            releases: components["schemas"]["MusicRelease"][];
            recordings: components["schemas"]["MusicRecording"][];
        };
        MusicTags: {
            media_id: string;
            files: {
                file_id: number;
                name: string;
                duration_s: number | null;
                tags: {
                    [key: string]: string;
                };
            }[];
        };
        ReviewItem: {
            id: string;
            /** @enum {string} */
            kind: "movie" | "show" | "season" | "episode" | "artist" | "album" | "track" | "video" | "podcast_episode" | "article" | "book" | "unknown";
            title: string;
            parent_id: string | null;
            year: number | null;
            original_title: string | null;
            overview: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            air_date: string | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            match_locked: boolean;
            external_ids: {
                [key: string]: string;
            };
            added_at: number;
            updated_at: number;
            disc_number: number | null;
            track_number: number | null;
            files: components["schemas"]["MediaFile"][];
            candidates: components["schemas"]["Candidate"][];
            duplicate_of: components["schemas"]["DuplicateOf"] | null;
        };
        MediaDetail: {
            id: string;
            /** @enum {string} */
            kind: "movie" | "show" | "season" | "episode" | "artist" | "album" | "track" | "video" | "podcast_episode" | "article" | "book" | "unknown";
            title: string;
            parent_id: string | null;
            year: number | null;
            original_title: string | null;
            overview: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            air_date: string | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            match_locked: boolean;
            external_ids: {
                [key: string]: string;
            };
            added_at: number;
            updated_at: number;
            disc_number: number | null;
            track_number: number | null;
            files: components["schemas"]["MediaFile"][];
            candidates: components["schemas"]["Candidate"][];
            duplicate_of: components["schemas"]["DuplicateOf"] | null;
            artwork: string[];
        };
        UploadedItem: {
            id: string;
            kind: string;
            title: string;
            status: string;
            file_id: number;
            size: number;
            job_id: number | null;
        };
        PlannedMove: {
            file_id: number;
            media_id: string;
            source: string;
            target: string;
            status: string;
            reason: string;
        };
        ItemEdit: {
            id: string;
            title: string;
            original_title: string | null;
            year: number | null;
            overview: string | null;
            genres: string[];
            match_locked: boolean;
        };
        PlaybackSummary: {
            position_s: number;
            duration_s: number | null;
            watched: boolean;
        };
        MediaCard: {
            id: string;
            kind: string;
            title: string;
            year: number | null;
            parent_id: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            disc_number: number | null;
            track_number: number | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            added_at: number;
            duration_s: number | null;
            poster: string | null;
            playback: components["schemas"]["PlaybackSummary"];
        };
        Playback: {
            position_s: number;
            duration_s: number | null;
            watched: boolean;
            play_count: number;
            updated_at: number | null;
            resume_at: number | null;
        };
        MediaAbout: {
            id: string;
            cast: {
                name: string;
                role: string;
            }[];
            tagline: string | null;
            links: {
                provider: string;
                label: string;
                id: string;
                url: string;
            }[];
            parents: {
                id: string;
                kind: string;
                title: string;
            }[];
            tmdb_collection: {
                name: string;
            } | null;
            has_poster: boolean;
            has_backdrop: boolean;
            playback: components["schemas"]["Playback"];
            collections: number[];
        };
        Collection: {
            id: number;
            name: string;
            kind: string;
            automatic: boolean;
            tmdb_collection_id?: string | null;
            item_count: number;
            cover?: string | null;
        };
        CollectionDetail: {
            id: number;
            name: string;
            kind: string;
            automatic: boolean;
            tmdb_collection_id: string | null;
            can_edit: boolean;
            items: components["schemas"]["MediaCard"][];
        };
        Subtitle: {
            index: number;
            format: string;
            language: string | null;
            label: string;
            forced: boolean;
            url: string;
        };
        Disc: {
            id: number;
            origin: string;
            label: string;
            title_guess: string;
            /** @enum {string} */
            kind: "dvd" | "bluray" | "audio_cd" | "data";
            /** @enum {string} */
            status: "waiting" | "ripped_before" | "review" | "confirmed" | "imaging" | "ejected" | "ripping" | "interrupted" | "done" | "failed" | "unsupported";
            candidates: components["schemas"]["Candidate"][];
            choice: components["schemas"]["DiscChoice"];
            confirm_deadline: number | null;
            job_id: number | null;
            progress: number;
            message: string;
            result: unknown;
            error: string | null;
            created_at: number;
            updated_at: number;
        };
        DiscChoice: {
            /** @enum {string} */
            mode?: "movie" | "tv" | "audio" | "image";
            title?: string | null;
            year?: number | null;
            titles?: number[] | null;
            tmdb_id?: number | null;
            runtime_minutes?: number | null;
            title_index?: number | null;
            include_extras?: boolean;
            series?: string | null;
            season?: number | null;
            first_episode?: number | null;
            auto?: boolean;
            /** @enum {string} */
            duplicate?: "keep_both" | "discard";
        };
        DiscPlan: {
            titles: {
                index: number;
                duration_s: number;
                main_feature: boolean;
            }[];
            planned: {
                title_index: number;
                duration_s: number;
                /** @enum {string} */
                role: "main" | "extra" | "episode";
                number: number;
                episode_name: string | null;
                target: string;
            }[];
            tracks: {
                number: number;
                duration_s: number;
            }[];
            note: string;
        };
        Download: {
            id: number;
            url: string;
            preset: string;
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed" | "skipped" | "cancelled" | "playlist";
            parent_id: number | null;
            position: number | null;
            job_id: number | null;
            title: string;
            media_id: string | null;
            collection_id: number | null;
            subscription_id: number | null;
            message: string;
            error: string | null;
            created_at: number;
            updated_at: number;
        };
        DownloadDetail: {
            id: number;
            url: string;
            preset: string;
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed" | "skipped" | "cancelled" | "playlist";
            parent_id: number | null;
            position: number | null;
            job_id: number | null;
            title: string;
            media_id: string | null;
            collection_id: number | null;
            subscription_id: number | null;
            message: string;
            error: string | null;
            created_at: number;
            updated_at: number;
            entries: components["schemas"]["Download"][];
        };
        DownloadEngine: {
            name: string;
            version: string;
            cookies: boolean;
            presets: string[];
        };
        Subscription: {
            id: number;
            url: string;
            name: string;
            preset: string;
            schedule: string;
            enabled: boolean;
            only_new: boolean;
            date_after: string | null;
            title_include: string;
            title_exclude: string;
            min_duration_s: number | null;
            max_duration_s: number | null;
            include_shorts: boolean;
            include_live: boolean;
            keep_last: number | null;
            keep_days: number | null;
            keep_watched: boolean;
            last_checked_at: number | null;
            created_at: number;
        };
        PlaylistTrack: {
            position: number;
            title: string;
            artist: string;
            album: string;
            duration_s: number | null;
            mbid: string | null;
            media_id: string | null;
        };
        ImportedPlaylist: {
            id: number;
            name: string;
            format: string;
            created_at: number;
            matched: number;
            missing: number;
            tracks: components["schemas"]["PlaylistTrack"][];
        };
        StrmSettings: {
            output_dir: string;
            style: string;
            public_base_url: string;
            cleanup: string;
            max_delete_share: number;
            max_writers: number;
            write_nfo: boolean;
            genre_folders: boolean;
            fsync: boolean;
            schedule: string;
            auto_run: boolean;
            debounce_seconds: number;
            refresh_jellyfin_url: string;
            refresh_jellyfin_api_key: boolean;
            refresh_plex_url: string;
            refresh_plex_token: boolean;
            refresh_plex_section: string;
            auto_export: {
                active: boolean;
                reasons: string[];
            };
        };
        StrmChanges: {
            output_dir?: string;
            style?: string;
            public_base_url?: string;
            cleanup?: string;
            max_delete_share?: number;
            max_writers?: number;
            write_nfo?: boolean;
            genre_folders?: boolean;
            fsync?: boolean;
            schedule?: string;
            auto_run?: boolean;
            debounce_seconds?: number;
            refresh_jellyfin_url?: string;
            refresh_jellyfin_api_key?: string;
            refresh_plex_url?: string;
            refresh_plex_token?: string;
            refresh_plex_section?: string;
        };
        SearchHit: {
            id: string;
            kind: string;
            title: string;
            year: number | null;
            parent_id: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            disc_number: number | null;
            track_number: number | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            added_at: number;
            duration_s: number | null;
            poster: string | null;
            playback: components["schemas"]["PlaybackSummary"];
            snippet?: {
                text: string;
                mark: boolean;
            }[];
        };
        ReadingState: {
            progress: number;
            location: string | null;
            archived: boolean;
            favourite: boolean;
            updated_at: number | null;
        };
        Article: {
            id: number;
            url: string;
            /** @enum {string} */
            status: "queued" | "saved" | "failed";
            /** @enum {string} */
            origin: "url" | "bookmarklet" | "import";
            media_id: string | null;
            title: string;
            author: string | null;
            site: string | null;
            published: string | null;
            language: string | null;
            excerpt: string | null;
            words: number;
            top_image: string | null;
            tags: string[];
            job_id: number | null;
            error: string | null;
            created_at: number;
            updated_at: number;
            reading_minutes: number;
        };
        ArticleDetail: {
            id: number;
            url: string;
            /** @enum {string} */
            status: "queued" | "saved" | "failed";
            /** @enum {string} */
            origin: "url" | "bookmarklet" | "import";
            media_id: string | null;
            title: string;
            author: string | null;
            site: string | null;
            published: string | null;
            language: string | null;
            excerpt: string | null;
            words: number;
            top_image: string | null;
            tags: string[];
            job_id: number | null;
            error: string | null;
            created_at: number;
            updated_at: number;
            reading_minutes: number;
            reading: components["schemas"]["ReadingState"];
        };
        Book: {
            media_id: string;
            title: string;
            year: number | null;
            overview: string | null;
            authors: string[];
            series: string | null;
            series_index: number | null;
            language: string | null;
            isbn: string | null;
            format: string | null;
            manual: boolean;
            reading: components["schemas"]["ReadingState"];
        };
        Highlight: {
            id: number;
            media_id: string;
            start: number;
            end: number;
            quote: string;
            prefix: string;
            suffix: string;
            note: string | null;
            created_at: number;
            updated_at: number;
        };
        StrmCounts: {
            created: number;
            updated: number;
            unchanged: number;
            deleted: number;
            stale: number;
            skipped: number;
        };
        StrmRefresh: {
            server: string;
            ok: boolean;
            error?: string;
            status?: number | string;
            path?: string;
        };
        StrmRun: {
            root: string;
            dry_run: boolean;
            guard: string | null;
            source_error: string | null;
            writers: number[];
            counts: components["schemas"]["StrmCounts"];
            planned_files: number;
            refresh: components["schemas"]["StrmRefresh"][];
            finished_at: number;
            report_url: string;
        };
        PlayTrack: {
            index: number;
            label: string;
            codec: string | null;
            language: string | null;
            default: boolean;
        };
        PlaySubtitle: {
            index: number;
            label: string;
            codec: string | null;
            language: string | null;
            default: boolean;
            /** @enum {string} */
            kind: "text" | "image";
            url: string | null;
        };
        NextEpisode: {
            id: string;
            title: string;
            season_number: number | null;
            episode_number: number | null;
        };
        PlayPlan: {
            /** @enum {string} */
            method: "direct" | "remux" | "audio" | "video";
            reason: string;
            url: string;
            session_id: string | null;
            file_id: number;
            duration_s: number | null;
            audio: components["schemas"]["PlayTrack"][];
            subtitles: components["schemas"]["PlaySubtitle"][];
            audio_stream: number | null;
            burn_subtitle: number | null;
            next: components["schemas"]["NextEpisode"] | null;
        };
        ActivityEntry: {
            id: number;
            event: string;
            user_id: number | null;
            username: string;
            address: string;
            what: string;
            count: number;
            at: number;
            last_at: number;
        };
        DeviceSession: {
            id: string;
            user_id: number;
            username: string;
            browser: string;
            os: string;
            device: string;
            address: string;
            created_at: number;
            last_seen_at: number;
            current: boolean;
        };
        DeviceToken: {
            id: number;
            name: string;
            scope: string;
            created_at: number;
            last_used_at: number | null;
            revoked: boolean;
            user_id: number;
            username: string;
        };
        IptvAccount: {
            id: number;
            name: string;
            base_url: string;
            username: string;
            status: string | null;
            expires_at: number | null;
            max_connections: number;
            active_connections: number;
            checked_at: number | null;
            /** @enum {string} */
            sync_status: "idle" | "syncing" | "error";
            sync_error: string | null;
            synced_at: number | null;
            sync_report: {
                [key: string]: unknown;
            };
            created_at: number;
        };
        NextUpCard: {
            id: string;
            kind: string;
            title: string;
            year: number | null;
            parent_id: string | null;
            season_number: number | null;
            episode_number: number | null;
            episode_end: number | null;
            disc_number: number | null;
            track_number: number | null;
            runtime_minutes: number | null;
            genres: string[];
            status: string;
            confidence: number | null;
            added_at: number;
            duration_s: number | null;
            poster: string | null;
            playback: components["schemas"]["PlaybackSummary"];
            show: {
                id: string;
                title: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "gpodder.gpodder_login.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_logout.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_devices.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caption: string;
                        type: string;
                        subscriptions: number;
                    }[];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_device.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
                device: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    caption?: string;
                    type?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_actions.get": {
        parameters: {
            query?: {
                /** @description timestamp of the last answer */
                since?: string;
                /** @description one feed URL only */
                podcast?: string;
            };
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            podcast: string;
                            episode: string;
                            action: string;
                            device: string;
                            timestamp: string;
                            position?: number;
                            started?: number;
                            total?: number;
                        }[];
                        timestamp: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_upload_actions.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>[];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timestamp: number;
                        update_urls: string[][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_subscriptions.get": {
        parameters: {
            query?: {
                /** @description timestamp of the last answer */
                since?: string;
            };
            header?: never;
            path: {
                username: string;
                device: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        add: string[];
                        remove: string[];
                        timestamp: number;
                        update_urls: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gpodder.gpodder_upload_subscriptions.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
                device: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    add?: string[];
                    remove?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        timestamp: number;
                        update_urls: string[][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "activity.list_activity.get": {
        parameters: {
            query?: {
                /** @description one event name (see /api/activity/events) */
                event?: string;
                /** @description username */
                user?: string;
                /** @description client address */
                address?: string;
                /** @description epoch seconds */
                since?: string;
                /** @description epoch seconds */
                until?: string;
                /** @description next_before_id of the previous page */
                before_id?: string;
                /** @description 1-500, default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ActivityEntry"][];
                        next_before_id: number | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "activity.activity_events.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.list_articles.get": {
        parameters: {
            query?: {
                /** @description queued, saved or failed */
                status?: string;
                /** @description one tag */
                tag?: string;
                /** @description 0 or 1 */
                archived?: string;
                /** @description an article id: the next page */
                before?: string;
                /** @description 1-200, default 50 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ArticleDetail"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.save.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.get_article.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.delete_article.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.update_article.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tags: string[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.content.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        html: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.export_one.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/epub+zip": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.image.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.original.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.set_reading.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                article_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    progress?: number;
                    location?: string | null;
                    archived?: boolean;
                    favourite?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadingState"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.save_rendered.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    html: string;
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.get_by_media.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArticleDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.export_tag.get": {
        parameters: {
            query?: {
                /** @description the tag */
                tag?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/epub+zip": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.feed.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.list_highlights.get": {
        parameters: {
            query?: {
                /** @description the article's or book's library item */
                media_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Highlight"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.add_highlight.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    media_id: string;
                    start: number;
                    end: number;
                    quote: string;
                    prefix?: string;
                    suffix?: string;
                    note?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Highlight"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.delete_highlight.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                highlight_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.update_highlight.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                highlight_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Highlight"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "articles.import_export.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    content: string;
                    format?: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        queued: number;
                        article_ids: number[];
                        skipped: {
                            url: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.login.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.logout.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.me.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "auth.change_password.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.add_book.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        media_id: string;
                        title: string;
                        authors: string[];
                        year: number | null;
                        format: string;
                        path: string;
                        cover: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.get_book.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Book"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.cover.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.edit_book.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    title?: string;
                    authors?: string[];
                    year?: number | null;
                    isbn?: string | null;
                    series?: string | null;
                    series_index?: number | null;
                    overview?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Book"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.book_file.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.set_reading.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    progress?: number;
                    location?: string | null;
                    archived?: boolean;
                    favourite?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadingState"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.book_text.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        html: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.add_manual.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    title?: string;
                    authors?: string[];
                    year?: number | null;
                    isbn?: string | null;
                    series?: string | null;
                    series_index?: number | null;
                    overview?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Book"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "books.opds.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.list_collections.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Collection"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.create_collection.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Collection"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.get_collection.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.delete_collection.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.add_item.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    media_id: string;
                };
            };
        };
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.remove_item.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection_id: number;
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "collections.reorder.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    media_ids: string[];
                };
            };
        };
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.list_decisions.get": {
        parameters: {
            query?: {
                /** @description a film key such as tmdb:603 */
                film?: string;
                /** @description keep, never or stream */
                action?: string;
                /** @description a decision id: the next page */
                before?: string;
                /** @description 1-200, default 50 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            film_key: string;
                            item_id: string | null;
                            tmdb_id: number | null;
                            title: string;
                            user_name: string | null;
                            action: string;
                            rule_name: string;
                            reason: string;
                            facts: {
                                [key: string]: unknown;
                            };
                            dry_run: boolean;
                            outcome: string;
                            created_at: number;
                            updated_at: number;
                            event_id: number | null;
                            rule_id: number | null;
                            via: string;
                            radarr_movie_id: number | null;
                            command_id: number | null;
                            command_status: string | null;
                            job_id: number | null;
                            error: string | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.get_decision.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                decision_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        film_key: string;
                        item_id: string | null;
                        tmdb_id: number | null;
                        title: string;
                        user_name: string | null;
                        action: string;
                        rule_name: string;
                        reason: string;
                        facts: {
                            [key: string]: unknown;
                        };
                        dry_run: boolean;
                        outcome: string;
                        created_at: number;
                        updated_at: number;
                        event_id: number | null;
                        rule_id: number | null;
                        via: string;
                        radarr_movie_id: number | null;
                        command_id: number | null;
                        command_status: string | null;
                        job_id: number | null;
                        error: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.backfill.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.cleanup.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    dry_run?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.events.get": {
        parameters: {
            query?: {
                /** @description 1-200, default 50 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            event_key: string;
                            type: string;
                            user_id: string | null;
                            user_name: string | null;
                            item_id: string | null;
                            item_type: string | null;
                            status: string;
                            received_at: number;
                            error: string | null;
                            claimed_at: number | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.history.get": {
        parameters: {
            query?: {
                /** @description 1-500, default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            session_key: string;
                            user_id: string;
                            user_name: string | null;
                            item_id: string;
                            item_type: string | null;
                            title: string | null;
                            tmdb_id: number | null;
                            position_ticks: number;
                            runtime_ticks: number;
                            completion: number | null;
                            completed: boolean;
                            source: string;
                            started_at: number;
                            watched_at: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.leaving.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            film_key: string;
                            tmdb_id: number | null;
                            radarr_movie_id: number | null;
                            title: string;
                            rule_name: string;
                            last_watched_at: number | null;
                            listed_at: number;
                            delete_after: number;
                            status: string;
                            updated_at: number;
                            note: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.list_overrides.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            film_key: string;
                            mode: string;
                            title: string;
                            set_by: number | null;
                            created_at: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.set_override.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tmdb_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    mode: string;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        film_key: string;
                        mode: string;
                        title: string;
                        set_by: number | null;
                        created_at: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.delete_override.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tmdb_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.test_radarr.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        quality_profiles: {
                            id: number;
                            name: string;
                        }[];
                        root_folders: {
                            id: number | null;
                            path: string;
                            free_space: number | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.list_rules.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            name: string;
                            priority: number;
                            condition: {
                                [key: string]: unknown;
                            };
                            action: string;
                            via: string;
                            enabled: boolean;
                            description: string;
                        }[];
                        facts: {
                            [key: string]: string;
                        };
                        ops: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.add_rule.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    priority?: number;
                    condition: {
                        [key: string]: unknown;
                    };
                    action: string;
                    via?: string;
                    enabled?: boolean;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        priority: number;
                        condition: {
                            [key: string]: unknown;
                        };
                        action: string;
                        via: string;
                        enabled: boolean;
                        description: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.delete_rule.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.update_rule.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    priority?: number;
                    condition?: {
                        [key: string]: unknown;
                    };
                    action?: string;
                    via?: string;
                    enabled?: boolean;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        priority: number;
                        condition: {
                            [key: string]: unknown;
                        };
                        action: string;
                        via: string;
                        enabled: boolean;
                        description: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.settings.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "decisions.what_if.get": {
        parameters: {
            query?: {
                /** @description the film's TMDb id */
                tmdb_id?: string;
                /** @description its title (else Radarr's) */
                title?: string;
                /** @description a Jellyfin user name */
                user?: string;
                /** @description Movie (default) or Episode */
                item_type?: string;
                /** @description share of this playback, 0-1 */
                completion?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action: string;
                        rule_name: string;
                        reason: string;
                        facts: {
                            [key: string]: unknown;
                        };
                        via: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "activity.list_devices.get": {
        parameters: {
            query?: {
                /** @description 1: every user's (admins only) */
                all?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: components["schemas"]["DeviceSession"][];
                        tokens: components["schemas"]["DeviceToken"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "activity.end_session.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "activity.revoke_any_token.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.list_discs.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Disc"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.get_disc.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.update_choice.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    choice: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.confirm.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    choice?: Record<string, never>;
                    rip_again?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.hold.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.plan.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DiscPlan"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discs.search.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disc_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.list_downloads.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Download"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.add_download.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    preset?: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Download"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.get_download.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                download_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.cancel_download.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                download_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Download"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.store_cookies.put": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cookies: string;
                };
            };
        };
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.forget_cookies.delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.engine.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadEngine"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.list_playlists.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ImportedPlaylist"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.import_playlist.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    format: string;
                    content: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportedPlaylist"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.get_playlist.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                playlist_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportedPlaylist"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.fetch_missing_tracks.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                playlist_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    preset?: string;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Download"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.playlist_m3u.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                playlist_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/x-mpegurl": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.list_subscriptions.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Subscription"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.add_subscription.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    name?: string;
                    preset?: string;
                    schedule?: string;
                    only_new?: boolean;
                    date_after?: string;
                    title_include?: string;
                    title_exclude?: string;
                    min_duration_s?: number;
                    max_duration_s?: number;
                    include_shorts?: boolean;
                    include_live?: boolean;
                    keep_last?: number;
                    keep_days?: number;
                    keep_watched?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.delete_subscription.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscription_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "downloads.check_subscription.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscription_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "health.health.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.home.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        next_up: components["schemas"]["NextUpCard"][];
                        continue_watching: components["schemas"]["MediaCard"][];
                        recently_added: components["schemas"]["MediaCard"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.list_accounts.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["IptvAccount"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.add_account.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    base_url: string;
                    username: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IptvAccount"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.remove_account.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.edit_account.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    base_url?: string;
                    username?: string;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IptvAccount"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.browse.get": {
        parameters: {
            query?: {
                /** @description category id */
                category?: string;
                /** @description words of the title */
                search?: string;
                /** @description a name in the cast */
                actor?: string;
                /** @description language folder (EN, FR…) */
                language?: string;
                /** @description 1: only your favorites */
                favorites?: string;
                /** @description page size (default 60, at most 500) */
                limit?: string;
                /** @description items to skip */
                offset?: string;
            };
            header?: never;
            path: {
                account_id: number;
                section: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            account_id: number;
                            section: string;
                            stream_id: string;
                            name: string;
                            category_id: string | null;
                            year: number | null;
                            language: string | null;
                            icon: string | null;
                            rating: number | null;
                            tmdb_id: string | null;
                            container: string | null;
                            added: number | null;
                            plot: string | null;
                            cast: string | null;
                            director: string | null;
                            genre: string | null;
                            epg_channel_id: string | null;
                            favorite: boolean;
                        }[];
                        total: number;
                        limit: number;
                        offset: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.favorite.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                section: string;
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    favorite: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account_id: number;
                        section: string;
                        stream_id: string;
                        name: string;
                        category_id: string | null;
                        year: number | null;
                        language: string | null;
                        icon: string | null;
                        rating: number | null;
                        tmdb_id: string | null;
                        container: string | null;
                        added: number | null;
                        plot: string | null;
                        cast: string | null;
                        director: string | null;
                        genre: string | null;
                        epg_channel_id: string | null;
                        favorite: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.actors.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                section: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            count: number;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.sidebar.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                section: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        categories: {
                            count: number;
                            category_id: string;
                            name: string;
                            language: string | null;
                        }[];
                        languages: {
                            count: number;
                            language: string;
                        }[];
                        counts: {
                            live: number;
                            vod: number;
                            series: number;
                        };
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.live_part.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                stream_id: string;
                part_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp2t": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.live_playlist.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.apple.mpegurl": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.play.get": {
        parameters: {
            query?: {
                /** @description live only: mp4 (remuxed for browsers) or ts (default) */
                format?: string;
            };
            header?: never;
            path: {
                account_id: number;
                kind: string;
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.series.get": {
        parameters: {
            query?: {
                /** @description 0: only what was fetched before */
                refresh?: string;
            };
            header?: never;
            path: {
                account_id: number;
                series_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        series: {
                            account_id: number;
                            section: string;
                            stream_id: string;
                            name: string;
                            category_id: string | null;
                            year: number | null;
                            language: string | null;
                            icon: string | null;
                            rating: number | null;
                            tmdb_id: string | null;
                            container: string | null;
                            added: number | null;
                            plot: string | null;
                            cast: string | null;
                            director: string | null;
                            genre: string | null;
                            epg_channel_id: string | null;
                            favorite: boolean;
                        };
                        seasons: {
                            season: number;
                            episodes: {
                                account_id: number;
                                episode_id: string;
                                series_id: string;
                                season: number;
                                episode_num: number | null;
                                title: string;
                                container: string | null;
                                tmdb_id: string | null;
                                plot: string | null;
                                duration_s: number | null;
                                image: string | null;
                                added: number | null;
                            }[];
                        }[];
                        skipped: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.track.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                series_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    mode: "all" | "from_season" | "new";
                    from_season?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account_id: number;
                        series_id: string;
                        /** @enum {string} */
                        mode: "all" | "from_season" | "new";
                        from_season: number | null;
                        last_checked_at: number | null;
                        created_at: number;
                        name: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.untrack.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
                series_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.sync_account.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.test_account.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: components["schemas"]["IptvAccount"];
                        status: string;
                        provider_status: string;
                        expired: boolean;
                        expires_at: number | null;
                        server_time: number | null;
                        max_connections: number;
                        active_connections: number;
                        message: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.list_downloads.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            account_id: number;
                            /** @enum {string} */
                            kind: "movie" | "episode";
                            stream_id: string;
                            title: string;
                            series_id: string | null;
                            tmdb_id: string | null;
                            season: number | null;
                            episode_num: number | null;
                            status: string;
                            job_id: number | null;
                            total_bytes: number | null;
                            done_bytes: number;
                            error: string | null;
                            media_id: string | null;
                            created_at: number;
                            updated_at: number;
                            retry: {
                                attempt: number;
                                max_attempts: number;
                                next_try_at: number;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.add_download.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    account_id: number;
                    /** @enum {string} */
                    kind: "movie" | "episode";
                    stream_id: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        account_id: number;
                        /** @enum {string} */
                        kind: "movie" | "episode";
                        stream_id: string;
                        title: string;
                        series_id: string | null;
                        tmdb_id: string | null;
                        season: number | null;
                        episode_num: number | null;
                        status: string;
                        job_id: number | null;
                        total_bytes: number | null;
                        done_bytes: number;
                        error: string | null;
                        media_id: string | null;
                        created_at: number;
                        updated_at: number;
                        retry: {
                            attempt: number;
                            max_attempts: number;
                            next_try_at: number;
                        } | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.remove_download.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                download_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.control_download.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                download_id: number;
                action: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        account_id: number;
                        /** @enum {string} */
                        kind: "movie" | "episode";
                        stream_id: string;
                        title: string;
                        series_id: string | null;
                        tmdb_id: string | null;
                        season: number | null;
                        episode_num: number | null;
                        status: string;
                        job_id: number | null;
                        total_bytes: number | null;
                        done_bytes: number;
                        error: string | null;
                        media_id: string | null;
                        created_at: number;
                        updated_at: number;
                        retry: {
                            attempt: number;
                            max_attempts: number;
                            next_try_at: number;
                        } | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.strm_play.get": {
        parameters: {
            query?: {
                /** @description the STRM export's stream-only token */
                token?: string;
            };
            header?: never;
            path: {
                account_id: number;
                kind: string;
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.list_tracked.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            account_id: number;
                            series_id: string;
                            /** @enum {string} */
                            mode: "all" | "from_season" | "new";
                            from_season: number | null;
                            last_checked_at: number | null;
                            created_at: number;
                            name: string | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv.check_tracked.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv_tv.live.get": {
        parameters: {
            query?: {
                /** @description an API token of scope iptv_tv */
                token?: string;
            };
            header?: never;
            path: {
                account_id: number;
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp2t": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv_tv.playlist.get": {
        parameters: {
            query?: {
                /** @description an API token of scope iptv_tv */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "audio/x-mpegurl": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "iptv_tv.guide.get": {
        parameters: {
            query?: {
                /** @description an API token of scope iptv_tv */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.list_jobs.get": {
        parameters: {
            query?: {
                /** @description queued|running|done|failed|cancelled|interrupted */
                status?: string;
                /** @description job kind */
                kind?: string;
                /** @description next_before_id of the previous page */
                before_id?: string;
                /** @description 1-500, default 50 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Job"][];
                        next_before_id: number | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.create_job.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: string;
                    payload?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.get_job.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.cancel_job.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.retry_job.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "jobs.job_kinds.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kinds: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.library.get": {
        parameters: {
            query?: {
                /** @description item kind */
                kind?: string;
                /** @description genre name */
                genre?: string;
                /** @description release year */
                year?: string;
                /** @description true|false (for you) */
                watched?: string;
                /** @description YYYY-MM-DD or epoch seconds */
                added_after?: string;
                /** @description YYYY-MM-DD or epoch seconds */
                added_before?: string;
                /** @description children of an item */
                parent?: string;
                /** @description title|-title|year|-year|added|-added|number */
                sort?: string;
                /** @description next of the previous page */
                after?: string;
                /** @description 1-200, default 60 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MediaCard"][];
                        next: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.list_folders.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        media_root: string;
                        allowed: string[];
                        kinds: string[];
                        items: {
                            id: number;
                            /** @enum {string} */
                            kind: "films" | "shows" | "music" | "mixed";
                            path: string;
                            builtin: string | null;
                            exists: boolean;
                            created_at: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.add_folder.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    path: string;
                    /** @enum {string} */
                    kind: "films" | "shows" | "music" | "mixed";
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        /** @enum {string} */
                        kind: "films" | "shows" | "music" | "mixed";
                        path: string;
                        builtin: string | null;
                        exists: boolean;
                        created_at: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.remove_folder.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                folder_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.genres.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.organize.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    media_ids?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.organize_preview.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PlannedMove"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.organize_undo.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.reidentify_all.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.scan.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    folder_id?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.list_media.get": {
        parameters: {
            query?: {
                /** @description item kind */
                kind?: string;
                /** @description new|identified|review */
                status?: string;
                /** @description children of an item */
                parent_id?: string;
                /** @description next_after_id of the previous page */
                after_id?: string;
                /** @description 1-500, default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MediaItem"][];
                        next_after_id: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.get_media.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.edit.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    title?: string;
                    original_title?: string | null;
                    year?: number | null;
                    overview?: string | null;
                    genres?: string[];
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemEdit"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.about.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaAbout"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.get_main_artwork.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.get_artwork.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.get_candidate_poster.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
                rank: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.decide_duplicate.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    action: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaItem"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.reidentify.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["Job"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.match.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    tmdb_id?: number;
                    kind?: string;
                    musicbrainz_release_id?: string;
                    scope?: string;
                    musicbrainz_recording_id?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaItem"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "player.play.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    file_id?: number | null;
                    capabilities?: {
                        containers?: string[];
                        video?: string[];
                        audio?: string[];
                    };
                    audio?: number | null;
                    burn_subtitle?: number | null;
                    at?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlayPlan"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "playback.get_playback.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Playback"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "playback.save_playback.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    position_s: number;
                    duration_s?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Playback"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.search.get": {
        parameters: {
            query?: {
                /** @description title to search for */
                q?: string;
                /** @description release or first-air year */
                year?: string;
                /** @description movie|show */
                kind?: string;
                /** @description tmdb|imdb|tvdb (an id starting with tt is IMDb) */
                provider?: string;
                /** @description the id at that provider */
                id?: string;
            };
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Candidate"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "stream.stream.get": {
        parameters: {
            query?: {
                /** @description file id (default: the item's first file) */
                file?: string;
                /** @description stream-only token (STRM) */
                token?: string;
                /** @description signed link */
                uid?: string;
                /** @description signed link */
                exp?: string;
                /** @description signed link */
                sig?: string;
            };
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "stream.stream.head": {
        parameters: {
            query?: {
                /** @description file id (default: the item's first file) */
                file?: string;
                /** @description stream-only token (STRM) */
                token?: string;
                /** @description signed link */
                uid?: string;
                /** @description signed link */
                exp?: string;
                /** @description signed link */
                sig?: string;
            };
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "stream.stream_link.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    file_id?: number;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        expires_at: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subtitles.list_subtitles.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Subtitle"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subtitles.get_subtitle.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/vtt": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "player.embedded_subtitle.get": {
        parameters: {
            query?: {
                /** @description file id (default: the item's first file) */
                file?: string;
            };
            header?: never;
            path: {
                media_id: string;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/vtt": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.media_tags.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MusicTags"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "playback.set_watched.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    watched: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Playback"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "monitor.announce.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    fingerprint: string;
                    label: string;
                    kind: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "monitor.remote_disc.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "monitor.remote_progress.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    percent: number;
                    message?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "monitor.remote_result.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    outputs: Record<string, never>[];
                    choice?: Record<string, never>;
                    error?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Disc"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.music_search.get": {
        parameters: {
            query?: {
                /** @description artist name */
                artist?: string;
                /** @description album (release) title */
                album?: string;
                /** @description track title */
                title?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MusicSearch"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "openapi.openapi_document.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.set_library.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                library_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        server_id: number;
                        section_key: string;
                        title: string;
                        type: string;
                        agent: string | null;
                        locations: string[];
                        enabled: boolean;
                        importable: boolean;
                        items: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.list_servers.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            name: string;
                            url: string;
                            machine_id: string | null;
                            version: string | null;
                            enabled: boolean;
                            last_sync_at: number | null;
                            created_at: number;
                            token_set: boolean;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.add_server.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    url: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        url: string;
                        machine_id: string | null;
                        version: string | null;
                        enabled: boolean;
                        last_sync_at: number | null;
                        created_at: number;
                        token_set: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.delete_server.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.update_server.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    url?: string;
                    token?: string;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        name: string;
                        url: string;
                        machine_id: string | null;
                        version: string | null;
                        enabled: boolean;
                        last_sync_at: number | null;
                        created_at: number;
                        token_set: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.accounts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.discover.get": {
        parameters: {
            query?: {
                /** @description part of the title */
                title?: string;
                /** @description first-air year */
                year?: string;
            };
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            rating_key: string;
                            title: string;
                            year: number | null;
                            library_id: number;
                            library: string;
                            ids: {
                                [key: string]: string;
                            };
                            media_id: string | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.libraries.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            server_id: number;
                            section_key: string;
                            title: string;
                            type: string;
                            agent: string | null;
                            locations: string[];
                            enabled: boolean;
                            importable: boolean;
                            items: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.refresh_libraries.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            server_id: number;
                            section_key: string;
                            title: string;
                            type: string;
                            agent: string | null;
                            locations: string[];
                            enabled: boolean;
                            importable: boolean;
                            items: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.list_mappings.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            server_id: number;
                            library_id: number | null;
                            plex_prefix: string;
                            local_prefix: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.add_mapping.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plex_prefix: string;
                    local_prefix: string;
                    library_id?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        server_id: number;
                        library_id: number | null;
                        plex_prefix: string;
                        local_prefix: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.delete_mapping.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
                mapping_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.check_mappings.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mappings: {
                            id: number;
                            server_id: number;
                            library_id: number | null;
                            plex_prefix: string;
                            local_prefix: string;
                            exists: boolean;
                            readable: boolean;
                        }[];
                        roots: {
                            library_id: number;
                            library: string;
                            plex_path: string;
                            local_path: string | null;
                            exists: boolean;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.sync.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    library_id?: number | null;
                    force?: boolean;
                    watched?: boolean;
                    show_key?: string | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.test_server.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        machine_id: string | null;
                        version: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.unmapped.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            title: string;
                            media_id: string | null;
                            plex_path: string;
                            size: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.list_user_maps.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            server_id: number;
                            plex_account_id: string;
                            plex_name: string;
                            user_id: number;
                            keep_in_step: boolean;
                            token_set: boolean;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.add_user_map.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plex_account_id: string;
                    plex_name?: string;
                    user_id: number;
                    token?: string;
                    keep_in_step?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        server_id: number;
                        plex_account_id: string;
                        plex_name: string;
                        user_id: number;
                        keep_in_step: boolean;
                        token_set: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plex.delete_user_map.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                server_id: number;
                map_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcast_feeds.podcast_feed.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                podcast_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/rss+xml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcast_feeds.all_feed.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/rss+xml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcast_feeds.episode_file.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                episode_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcast_feeds.episode_file.head": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                episode_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.list_podcasts.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            feed_url: string;
                            title: string;
                            description: string | null;
                            image_url: string | null;
                            author: string | null;
                            link: string | null;
                            /** @enum {string} */
                            download_mode: "all" | "latest" | "none";
                            download_latest: number;
                            keep_count: number | null;
                            delete_played_days: number | null;
                            schedule: string;
                            notify: boolean;
                            failures: number;
                            last_error: string | null;
                            retry_at: number | null;
                            last_checked_at: number | null;
                            created_at: number;
                            episodes: number;
                            unplayed: number;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.subscribe.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    feed_url: string;
                    /** @enum {string} */
                    download_mode?: "all" | "latest" | "none";
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        feed_url: string;
                        title: string;
                        description: string | null;
                        image_url: string | null;
                        author: string | null;
                        link: string | null;
                        /** @enum {string} */
                        download_mode: "all" | "latest" | "none";
                        download_latest: number;
                        keep_count: number | null;
                        delete_played_days: number | null;
                        schedule: string;
                        notify: boolean;
                        failures: number;
                        last_error: string | null;
                        retry_at: number | null;
                        last_checked_at: number | null;
                        created_at: number;
                        episodes: number;
                        unplayed: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.get_podcast.get": {
        parameters: {
            query?: {
                /** @description most episodes returned (default 200, at most 1000) */
                limit?: string;
            };
            header?: never;
            path: {
                podcast_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        feed_url: string;
                        title: string;
                        description: string | null;
                        image_url: string | null;
                        author: string | null;
                        link: string | null;
                        /** @enum {string} */
                        download_mode: "all" | "latest" | "none";
                        download_latest: number;
                        keep_count: number | null;
                        delete_played_days: number | null;
                        schedule: string;
                        notify: boolean;
                        failures: number;
                        last_error: string | null;
                        retry_at: number | null;
                        last_checked_at: number | null;
                        created_at: number;
                        episodes: number;
                        unplayed: number;
                        items: {
                            id: number;
                            podcast_id: number;
                            guid: string;
                            title: string;
                            published_at: number | null;
                            duration_s: number | null;
                            description: string | null;
                            link: string | null;
                            enclosure_url: string | null;
                            enclosure_type: string | null;
                            enclosure_size: number | null;
                            image_url: string | null;
                            season: number | null;
                            episode: number | null;
                            transcripts: {
                                url: string;
                                type: string | null;
                                language: string | null;
                            }[];
                            media_id: string | null;
                            downloaded: boolean;
                            starred: boolean;
                            played_at: number | null;
                            download_error: string | null;
                            chapters: {
                                start_s: number;
                                title: string;
                                url: string | null;
                            }[];
                            played: boolean;
                            deleted: boolean;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.unsubscribe.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                podcast_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.update_podcast.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                podcast_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    download_mode?: "all" | "latest" | "none";
                    download_latest?: number;
                    keep_count?: number | null;
                    delete_played_days?: number | null;
                    schedule?: string;
                    notify?: boolean;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        feed_url: string;
                        title: string;
                        description: string | null;
                        image_url: string | null;
                        author: string | null;
                        link: string | null;
                        /** @enum {string} */
                        download_mode: "all" | "latest" | "none";
                        download_latest: number;
                        keep_count: number | null;
                        delete_played_days: number | null;
                        schedule: string;
                        notify: boolean;
                        failures: number;
                        last_error: string | null;
                        retry_at: number | null;
                        last_checked_at: number | null;
                        created_at: number;
                        episodes: number;
                        unplayed: number;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.refresh.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                podcast_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.directory.get": {
        parameters: {
            query?: {
                /** @description what to look for */
                term?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            title: string;
                            author: string | null;
                            feed_url: string;
                            image_url: string | null;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.mark.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                episode_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    starred?: boolean;
                    played?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        podcast_id: number;
                        guid: string;
                        title: string;
                        published_at: number | null;
                        duration_s: number | null;
                        description: string | null;
                        link: string | null;
                        enclosure_url: string | null;
                        enclosure_type: string | null;
                        enclosure_size: number | null;
                        image_url: string | null;
                        season: number | null;
                        episode: number | null;
                        transcripts: {
                            url: string;
                            type: string | null;
                            language: string | null;
                        }[];
                        media_id: string | null;
                        downloaded: boolean;
                        starred: boolean;
                        played_at: number | null;
                        download_error: string | null;
                        chapters: {
                            start_s: number;
                            title: string;
                            url: string | null;
                        }[];
                        played: boolean;
                        deleted: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.download.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                episode_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.save_position.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                episode_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    position_s: number;
                    duration_s?: number | null;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Playback"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.export_opml.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/x-opml": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "podcasts.import_opml.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    opml: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        added: string[];
                        existing: string[];
                        refused: {
                            url: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.get_tmdb_poster.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.review.get": {
        parameters: {
            query?: {
                /** @description next_after_id of the previous page */
                after_id?: string;
                /** @description 1-500, default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ReviewItem"][];
                        next_after_id: string | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "browse.search.get": {
        parameters: {
            query?: {
                /** @description what to look for */
                q?: string;
                /** @description 1-50, default 30 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SearchHit"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "service_keys.list_keys.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            service: string;
                            label: string;
                            setting: string;
                            what: string;
                            set: boolean;
                            origin: string | null;
                            base_url: string;
                        }[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "service_keys.replace_key.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        label: string;
                        setting: string;
                        what: string;
                        set: boolean;
                        origin: string | null;
                        base_url: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "service_keys.clear_key.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        label: string;
                        setting: string;
                        what: string;
                        set: boolean;
                        origin: string | null;
                        base_url: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "service_keys.test_key.post": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: string;
                        ok: boolean;
                        message: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "setup.setup_status.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        needs_setup: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "setup.setup.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    setup_code: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.last_run.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StrmRun"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.preview.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    style?: string;
                    cleanup?: string;
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.report_csv.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.run_now.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    style?: string;
                    cleanup?: string;
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.get_settings.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StrmSettings"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.put_settings.put": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StrmChanges"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StrmSettings"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "strm.rotate_token.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rotated: boolean;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tokens.list_tokens.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Token"][];
                        scopes: string[];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tokens.create_token.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: components["schemas"]["Token"];
                        secret: string;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tokens.revoke_token.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "player.end_session.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "player.hls_segment.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp2t": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "player.hls_playlist.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.apple.mpegurl": string;
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "library.upload.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["UploadedItem"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.list_users.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.create_user.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    /** @enum {string} */
                    role?: "viewer" | "manager" | "admin";
                };
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.delete_user.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "users.update_user.patch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "viewer" | "manager" | "admin";
                    disabled?: boolean;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.jellyfin_webhook.post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        event_id: number | null;
                    };
                };
            };
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        event_id: number | null;
                    };
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
