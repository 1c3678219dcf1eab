"""What search engines read: the sitemap, the news sitemap and robots.txt."""

from __future__ import annotations

from datetime import datetime

from generator.public import feeds
from generator.public.outputs.base import Input, Output, Plan
from generator.public.outputs.bulletins import FOLDER as BULLETINS
from generator.public.outputs.clarifications import INDEX as CLARIFICATIONS
from generator.public.outputs.regulations import FOLDER as REGULATIONS
from generator.public.sitekit import SiteKit

SITEMAP, NEWS_SITEMAP = "sitemap.xml", "news-sitemap.xml"


class Sitemaps(Output):
    """Every page of this site's own (copies elsewhere are canonical to their home),
    and the releases that are news at `now`."""

    name = "sitemaps"
    paths = (SITEMAP, NEWS_SITEMAP)
    reads = frozenset({Input.PAGES, Input.RELEASES, Input.NEWS})
    uses_now = True  # listed releases; the news window ends at `now`

    def write(self, kit: SiteKit, plan: Plan) -> None:
        site = kit.site
        home = [p for p in plan.listed if p.is_home]
        urls: list[tuple[str, datetime | None]] = [(site.url, None)]
        urls += [(p.url, p.release.modified) for p in home]
        urls += [(site.url + a.base, None) for group in plan.archives.values() for a in group]
        urls += [(site.url + link.href.removeprefix(kit.root), None) for link in kit.chrome.pages]
        # The index pages every site has: its clarifications, its weekly bulletins, its
        # regulations.
        urls += [(site.url + CLARIFICATIONS.removesuffix("index.html"), None)]
        urls += [(site.url + BULLETINS, None)]
        urls.append((site.url + REGULATIONS, None))
        kit.writer.write(SITEMAP, feeds.sitemap(urls), "sitemap")
        # Only the releases still in the news window are made entries (rendered): a
        # site's home releases are thousands, its news of the last two days a handful.
        fresh = (kit.entry(p) for p in home if feeds.in_news(p.release, kit.now))
        news = feeds.news_sitemap(fresh, site.title, kit.now)
        kit.writer.write(NEWS_SITEMAP, news, "sitemap")


class Robots(Output):
    """robots.txt naming the site's sitemaps (read only when the site is a host's root)."""

    name = "robots"
    paths = ("robots.txt",)
    reads = frozenset[Input]()
    uses_now = False

    def write(self, kit: SiteKit, plan: Plan) -> None:
        url = kit.site.url
        robots = feeds.robots(url, [url + SITEMAP, url + NEWS_SITEMAP])
        kit.writer.write("robots.txt", robots, "robots")
