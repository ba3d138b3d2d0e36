"""The Streamlit pieces the pages share, one job a module (the pages themselves are the top-level files of pages/,
the only ones Streamlit's pages-folder scan lists).

- ``look``: the CSS, user text made literal in Markdown, a batch's time, embedded or not
- ``language``: the reader's language and the sidebar's switch
- ``database``: the store, opened once per process
- ``identity``: who a run acts for, and forgetting them with their pages' state
- ``nav``: the permission check a page starts with, links between pages, a page file run alone
- ``errors``: failures turned into messages (and into the server's log)
- ``signin``: sign-in, OIDC and the sidebar's account box
- ``widgets``: KPI cards, a chart with its table, downloads, a report as a table
- ``sidebar_filters``: the filters the map and progress pages share
- ``blocks``: what several pages show (headline, trajectory, breakdowns, the plots map, national figures)
- ``first_run``: what an empty store shows
- ``uploads``: an upload's preview, cached for its user
"""
