"""Property tests of the output sanitizer (issue 12, part 1): hypothesis builds hostile URLs
(backslashes, userinfo, percent-encoding, IDN look-alikes, tabs and newlines, script schemes) in
every link syntax (markdown, Slack, HTML, bare) mixed with broadcast mentions and zero-width tricks;
whatever it builds, the oracle (`tests/adversarial/oracle.py`: a generous extractor plus the WHATWG
parser) must find no broadcast and no link leaving the allowlist, and sanitizing is idempotent."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from handlers.sanitize import sanitize
from tests.adversarial.oracle import ALLOWED, problems

SCHEMES = st.sampled_from(
    ["https://", "http://", "HTTPS://", "https:", "https:\\\\", "https:/\\", "https:\\/", " https://", "ftp://",
     "wss://", "//", "", "javascript:", "java\tscript:", "JaVaScRiPt:", "vbscript:", "data:text/html,", "file:///",
     "https:\t//", "h\nttps://"]
)
USERINFO = st.sampled_from(["", "", "github.com@", "evil.com@", "evil.com\\@", "user:pass@", "@", "github.com%40",
                            "a:b@github.com@"])
HOSTS = st.sampled_from(
    ["github.com", "api.github.com", "slack.com", "evil.com", "evil.example", "github.com.evil.com", "evilgithub.com",
     "\uff47\uff49\uff54\uff48\uff55\uff42.com", "g\u0131thub.com", "\u0435vil.com", "evil.\u0440\u0444", "127.0.0.1",
     "0x7f.1", "[::1]", "github%2ecom", "evil%2ecom", "git\thub.com", "evil\u200b.com", "xn--gthub-n4a.com",
     "GITHUB.COM", "github.com.", "evil.com\u3002", "evil\uff0ecom"]
)
JOINERS = st.sampled_from(["", "", "/", "\\", "\\.", "\\@", "/@", "@", ":443", "%2f", "%5c", "#", "?", "\u200b", "\t",
                           "\n", ".", ":@"])
TAILS = st.sampled_from(["", "", "x", "github.com/x", "evil.com", "login?next=https://evil.com", "a%2F%2Fevil.com",
                         "@github.com/login", "(b)"])


@st.composite
def hostile_urls(draw: st.DrawFn) -> str:
    return draw(SCHEMES) + draw(USERINFO) + draw(HOSTS) + draw(JOINERS) + draw(TAILS)


@st.composite
def hostile_links(draw: st.DrawFn) -> str:
    url = draw(hostile_urls())
    label = draw(st.sampled_from(["docs", "the handbook", "", "@channel", "<!here>", "https://evil.com", "evil.com"]))
    wrapper = draw(
        st.sampled_from(
            ["{u}", "[{l}]({u})", "![{l}]({u})", "[{l}](<{u}>)", '[{l}]({u} "t")', "[{l}]( {u} )", "<{u}|{l}>",
             "<{u}>", '<a href="{u}">{l}</a>', "<a href={u}>{l}</a>", "<img src='{u}'>", "see{u}", "({u})",
             '<a href="{u}" onclick="x()">{l}</a>', "<iframe src={u}></iframe>", "[{l}]: {u}"]
        )
    )
    return wrapper.format(u=url, l=label)


MENTIONS = st.sampled_from(
    ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S0123|@eng>", "<!here|here>", "@channel", "@here",
     "@everyone", "@@channel", "\uff20channel", "<at>General</at>", "<AT id='0'>team</AT>", "<!ev\u200beryone>",
     "@\u200bchannel", "<\u200b!channel>", "<!chan\u2060nel>", "<<!here>!channel>", "<!<!here>channel>",
     "@here\u200d", "<!channel", ">", "<", "!", "@", "|", "[", "]", "(", ")", " ", "\n", "text", "\u202e"]
)
PIECES = st.lists(st.one_of(hostile_links(), MENTIONS), max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(PIECES)
@example("[docs](https://evil.example\\@github.com/x)")
@example("https://evil.example\\.github.com/x")
@example("<https://evil.example\\@github.com/login|the handbook>")
def test_no_hostile_link_or_broadcast_survives(text: str) -> None:
    out = sanitize(text, ALLOWED)
    assert not problems(out), (text, out, problems(out))


@settings(max_examples=600, deadline=None)
@given(PIECES)
def test_sanitizing_twice_changes_nothing(text: str) -> None:
    once = sanitize(text, ALLOWED)
    assert sanitize(once, ALLOWED) == once, (text, once)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["https://github.com", "https://api.github.com", "http://slack.com", "https://docs.slack.com"]),
    st.lists(st.sampled_from(["a", "b-c", "x_y", "v1.2", "README.md"]), max_size=3).map("/".join),
    st.sampled_from(["", "?tab=readme", "#section", "?q=lora&page=2"]),
    st.sampled_from(["{u}", "[the docs]({u})", "<{u}|the docs>", "see {u} now"]),
)
def test_clean_allowed_links_are_kept_as_written(base: str, path: str, tail: str, wrapper: str) -> None:
    url = f"{base}/{path}{tail}" if path else f"{base}{tail}"
    text = wrapper.format(u=url)
    assert sanitize(text, ALLOWED) == text
