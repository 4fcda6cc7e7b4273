"""What every listing says of the day it stands on under --known-at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rarecli.history import left_out_note

if TYPE_CHECKING:
    from rarecli.history import KnownAt
    from rarecli.render.listing import Listing


def as_known(listing: Listing, view: KnownAt | None) -> Listing:
    """The listing titled "as known on DAY", with a footnote counting the undated figures and
    targets the view left out (an empty listing's message names the day); unchanged without
    a view."""
    if view is None:
        return listing
    day = f"as known on {view.day.isoformat()}"
    listing.title += f", {day}"
    note = left_out_note(view)
    if note is not None:
        listing.notes = (*listing.notes, note)
    listing.empty_message = f"{listing.empty_message.rstrip('.')} ({day})."
    return listing
