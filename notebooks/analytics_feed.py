"""Reading the Analytics OData feed from a notebook: the address and key, paging, charts that draw Chinese.

Every notebook here starts with `from analytics_feed import URL, KEY, odata, api, figures`. The service is
ANALYTICS_URL (default http://localhost:5000) and the key ANALYTICS_KEY (default the demo analyst key, see the
README's demo keys).
Only Debian's packages are used: python3-pandas, python3-matplotlib, python3-requests.
"""
import json
import os

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import requests

__all__ = ["URL", "KEY", "odata", "api", "figures", "use_cjk_font"]

URL = os.environ.get("ANALYTICS_URL", "http://localhost:5000").rstrip("/")
KEY = os.environ.get("ANALYTICS_KEY", "demo-analyst-key")

_session = requests.Session()
_session.headers["Authorization"] = f"Bearer {KEY}"


def _get(url, params=None):
    answer = _session.get(url, params=params, timeout=120)
    if answer.status_code != 200:
        # The service answers a refusal with a sentence (an OData error object or {"error": ...}): show it.
        raise RuntimeError(f"{answer.status_code} from {answer.url}: {answer.text[:500]}")
    return answer.json()


def odata(entity_set, **options):
    """All rows of an OData set as a DataFrame, following @odata.nextLink page by page.

    Options are the query options without their '$': odata("Orders", filter="NetAmount gt 0", select="OrderId").
    """
    params = {"$" + name: value for name, value in options.items()}
    page = _get(f"{URL}/odata/{entity_set}", params)
    rows = list(page["value"])
    while "@odata.nextLink" in page:
        page = _get(page["@odata.nextLink"])
        rows.extend(page["value"])
    return pd.DataFrame(rows)


def api(path):
    """A JSON answer of the service's API, e.g. api("/api/campaigns")."""
    return _get(URL + path)


def use_cjk_font():
    """Account names, regions and titles are Chinese: draw them with Noto Sans CJK (Debian's fonts-noto-cjk)."""
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100


def figures(**values):
    """One line a script (or the project's test) can parse: FIGURES {"name": value, ...}."""
    print("FIGURES " + json.dumps(values, ensure_ascii=False, sort_keys=True, default=str))


use_cjk_font()
