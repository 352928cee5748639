"""`app_home_opened`: publish the Home tab (recent assessments and verdicts, notes count, how to use).

Assessments are listed when they ran in a public channel, or when the viewer ran them: a verdict
reached in a private channel or a DM is not shown to the rest of the workspace.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.blocks_home import RECENT_ASSESSMENTS, HomeAssessment, home_view
from bot.slack.delivery import safe_payload
from bot.slack.runtime import SlackRuntime

SCAN = 200  # finished assessments looked at to find the ten this viewer may see


def visible_assessments(rt: SlackRuntime, *, team: str, user: str) -> list[HomeAssessment]:
    from bot.storage.digest_sources import AssessmentRecordsFeed
    from knowledge.rubric.model import shipped_rubric

    store = rt.assessments
    names = AssessmentRecordsFeed(store, shipped_rubric())
    out = []
    for r in store.recent(limit=SCAN):
        if r.platform != "slack" or r.workspace != team or not (r.channel_type == "public" or r.user == user):
            continue
        out.append(
            HomeAssessment(
                verdict=names.verdict(r),
                who=r.user_name or r.user,
                at=r.created_at,
                channel=r.channel if r.channel_type == "public" else "",
            )
        )
        if len(out) == RECENT_ASSESSMENTS:
            break
    return out


def register(app: App, rt: SlackRuntime) -> None:
    def handle_app_home_opened(
        body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        if event.get("tab", "home") != "home" or not rt.first_delivery(body):
            return
        user = str(event.get("user", ""))
        notes = rt.notes.list()
        public = sum(1 for n in notes if n.visibility == "public")
        view = home_view(
            user=user,
            assessments=visible_assessments(rt, team=context.team_id or "", user=user),
            public_notes=public,
            private_notes=len(notes) - public,
        )
        client.views_publish(user_id=user, view=safe_payload(view.to_dict(), rt.allowed_hosts))

    app.event("app_home_opened")(handle_app_home_opened)
