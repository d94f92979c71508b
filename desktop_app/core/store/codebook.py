"""The project's codebook: stances, tags and canonical claims.

A mixin of `Project`. Stances (supports, denies, neutral, questions by default) each have a colour
and a key; tags are hierarchical by name ("evidence/imagery" lives under "evidence"); claims are
shared by every annotation that expresses them. Renames, merges and deletes run in one
transaction, and nothing in use is ever deleted silently: deleting a stance in use is refused, a
tag in use only goes with force=True (its links are detached, the annotations stay).
"""

from __future__ import annotations

import re

from desktop_app.core.annotations import (
    TAG_SEPARATOR,
    Claim,
    Stance,
    Tag,
    normalise_claim,
    normalise_tag,
    tag_ancestors,
)
from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes
from desktop_app.core.store.connection import timestamp

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CODEBOOK = Changes(codebook=True)


def _check_colour(colour: str) -> str:
    colour = colour.strip()
    if not _COLOUR.match(colour):
        raise UserError(f"colour {colour!r} is not a #rrggbb colour")
    return colour.lower()


class CodebookRepo:
    """Stances, tags and claims."""

    # --- stances -----------------------------------------------------------------------------
    def stances(self) -> list[Stance]:
        rows = self.db.execute(
            "SELECT id, name, colour, key, position, description FROM stances ORDER BY position, id"
        ).fetchall()
        return [Stance(*row) for row in rows]

    def stance(self, stance_id: int) -> Stance:
        row = self.db.execute(
            "SELECT id, name, colour, key, position, description FROM stances WHERE id = ?", [stance_id]
        ).fetchone()
        if row is None:
            raise UserError(f"no stance {stance_id} in the codebook")
        return Stance(*row)

    def stance_id_for(self, name: str) -> int:
        """The id of the stance called `name` (any case); UserError listing the valid ones."""
        row = self.db.execute("SELECT id FROM stances WHERE name = ? COLLATE NOCASE", [name.strip()]).fetchone()
        if row is None:
            valid = ", ".join(s.name for s in self.stances())
            raise UserError(f"unknown stance {name!r}; valid stances: {valid}")
        return row[0]

    def _stance_name_free(self, name: str, except_id: int | None = None) -> str:
        name = name.strip()
        if not name:
            raise UserError("a stance needs a name")
        row = self.db.execute("SELECT id FROM stances WHERE name = ? COLLATE NOCASE", [name]).fetchone()
        if row is not None and row[0] != except_id:
            raise UserError(f"a stance called {name!r} already exists")
        return name

    def _stance_key_free(self, key: str, except_id: int | None = None) -> str:
        key = key.strip()
        if len(key) > 1:
            raise UserError(f"a stance key is one character, not {key!r}")
        if key:
            row = self.db.execute("SELECT id, name FROM stances WHERE key = ?", [key]).fetchone()
            if row is not None and row[0] != except_id:
                raise UserError(f"key {key} already picks the stance {row[1]!r}")
        return key

    def add_stance(self, name: str, colour: str, key: str = "", description: str = "", *,
                   stance_id: int | None = None, position: int | None = None) -> tuple[Stance, Changes]:
        """A new stance at the end of the list (or at `position`; `stance_id` restores one for undo)."""
        name = self._stance_name_free(name)
        colour = _check_colour(colour)
        key = self._stance_key_free(key)
        if position is None:
            position = self.db.execute("SELECT coalesce(max(position), -1) + 1 FROM stances").fetchone()[0]
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO stances (id, name, colour, key, position, description) VALUES (?, ?, ?, ?, ?, ?)",
                [stance_id, name, colour, key, position, description],
            )
        return self.stance(cursor.lastrowid), _CODEBOOK

    def _update_stance(self, stance_id: int, column: str, value) -> tuple[Stance, Changes]:
        self.stance(stance_id)
        with self.db.atomic():
            self.db.execute(f"UPDATE stances SET {column} = ? WHERE id = ?", [value, stance_id])
        return self.stance(stance_id), Changes(codebook=True, annotations=True)

    def rename_stance(self, stance_id: int, name: str) -> tuple[Stance, Changes]:
        return self._update_stance(stance_id, "name", self._stance_name_free(name, stance_id))

    def set_stance_colour(self, stance_id: int, colour: str) -> tuple[Stance, Changes]:
        return self._update_stance(stance_id, "colour", _check_colour(colour))

    def set_stance_key(self, stance_id: int, key: str) -> tuple[Stance, Changes]:
        return self._update_stance(stance_id, "key", self._stance_key_free(key, stance_id))

    def set_stance_description(self, stance_id: int, description: str) -> tuple[Stance, Changes]:
        return self._update_stance(stance_id, "description", description)

    def stance_usage(self, stance_id: int) -> int:
        """How many annotations use a stance (the codebook dialog asks before removing those)."""
        return self.db.execute("SELECT count(*) FROM annotations WHERE stance_id = ?", [stance_id]).fetchone()[0]

    def annotation_ids_with_stance(self, stance_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM annotations WHERE stance_id = ? ORDER BY id", [stance_id])]

    def set_annotations_stance(self, annotation_ids: list[int], stance_id: int) -> Changes:
        """Give several annotations one stance (undo of a merge)."""
        self.stance(stance_id)
        with self.db.atomic():
            self.db.conn.executemany("UPDATE annotations SET stance_id = ? WHERE id = ?",
                                     [(stance_id, aid) for aid in annotation_ids])
        return Changes(annotations=True, codebook=True)

    def merge_stances(self, from_id: int, into_id: int) -> tuple[Stance, Changes]:
        """Move every annotation of stance `from_id` to `into_id` and drop `from_id`."""
        if from_id == into_id:
            raise UserError("cannot merge a stance into itself")
        self.stance(from_id)
        self.stance(into_id)
        with self.db.atomic():
            self.db.execute("UPDATE annotations SET stance_id = ? WHERE stance_id = ?", [into_id, from_id])
            self.db.execute("DELETE FROM stances WHERE id = ?", [from_id])
        return self.stance(into_id), Changes(codebook=True, annotations=True)

    def delete_stance(self, stance_id: int) -> tuple[Stance, Changes]:
        """Remove an unused stance; one in use is refused (merge it into another instead)."""
        stance = self.stance(stance_id)
        used = self.stance_usage(stance_id)
        if used:
            raise UserError(f"stance {stance.name!r} is used by {used} annotation(s); merge it into another stance instead")
        with self.db.atomic():
            self.db.execute("DELETE FROM stances WHERE id = ?", [stance_id])
        return stance, _CODEBOOK

    # --- tags --------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        rows = self.db.execute("SELECT id, name, parent_id, colour FROM tags ORDER BY name").fetchall()
        return [Tag(*row) for row in rows]

    def tag(self, tag_id: int) -> Tag:
        row = self.db.execute("SELECT id, name, parent_id, colour FROM tags WHERE id = ?", [tag_id]).fetchone()
        if row is None:
            raise UserError(f"no tag {tag_id} in the codebook")
        return Tag(*row)

    def tag_usage(self, tag_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM annotation_tags WHERE tag_id = ?", [tag_id]).fetchone()[0]

    def _tag_id(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        return row[0] if row else None

    def _ensure_tag(self, name: str, colour: str = "") -> tuple[int, bool]:
        """The id of tag `name`, creating it and its missing ancestors (inside a transaction)."""
        parent_id, created, tag_id = None, False, None
        for level in tag_ancestors(name):
            tag_id = self._tag_id(level)
            if tag_id is None:
                tag_id = self.db.execute(
                    "INSERT INTO tags (name, parent_id, colour) VALUES (?, ?, ?)",
                    [level, parent_id, colour if level == name else ""],
                ).lastrowid
                created = True
            parent_id = tag_id
        return tag_id, created

    def _tag_ids_for(self, names) -> tuple[list[int], bool]:
        ids, created_any = [], False
        for name in {normalise_tag(n) for n in names} - {""}:
            tag_id, created = self._ensure_tag(name)
            ids.append(tag_id)
            created_any = created_any or created
        return ids, created_any

    def add_tag(self, name: str, colour: str = "") -> tuple[Tag, Changes]:
        """A new tag ("a/b" also creates "a"); UserError if it already exists."""
        name = normalise_tag(name)
        if not name:
            raise UserError("a tag needs a name")
        if self._tag_id(name) is not None:
            raise UserError(f"a tag called {name!r} already exists")
        colour = _check_colour(colour) if colour.strip() else ""
        with self.db.atomic():
            tag_id, _ = self._ensure_tag(name, colour)
        return self.tag(tag_id), _CODEBOOK

    def set_tag_colour(self, tag_id: int, colour: str) -> tuple[Tag, Changes]:
        self.tag(tag_id)
        colour = _check_colour(colour) if colour.strip() else ""
        with self.db.atomic():
            self.db.execute("UPDATE tags SET colour = ? WHERE id = ?", [colour, tag_id])
        return self.tag(tag_id), _CODEBOOK

    def _descendants(self, name: str) -> list[Tag]:
        return [t for t in self.tags() if t.name.startswith(name + TAG_SEPARATOR)]

    def rename_tag(self, tag_id: int, name: str) -> tuple[Tag, Changes]:
        """Rename a tag and the paths of the tags below it ("evidence/x" follows "evidence")."""
        tag = self.tag(tag_id)
        name = normalise_tag(name)
        if not name:
            raise UserError("a tag needs a name")
        if name == tag.name:
            return tag, Changes()
        if name.startswith(tag.name + TAG_SEPARATOR):
            raise UserError(f"cannot move tag {tag.name!r} below itself")
        moving = [tag, *self._descendants(tag.name)]
        for t in moving:
            target = name + t.name[len(tag.name):]
            if self._tag_id(target) is not None:
                raise UserError(f"a tag called {target!r} already exists; merge the tags instead")
        with self.db.atomic():
            parent_path = name.rpartition(TAG_SEPARATOR)[0]
            parent_id = self._ensure_tag(parent_path)[0] if parent_path else None
            for t in moving:
                self.db.execute("UPDATE tags SET name = ? WHERE id = ?", [name + t.name[len(tag.name):], t.id])
            self.db.execute("UPDATE tags SET parent_id = ? WHERE id = ?", [parent_id, tag_id])
        return self.tag(tag_id), Changes(codebook=True, annotations=True)

    def merge_tags(self, from_id: int, into_id: int) -> tuple[Tag, Changes]:
        """Give every annotation tagged `from_id` the tag `into_id` instead; children follow."""
        if from_id == into_id:
            raise UserError("cannot merge a tag into itself")
        source, target = self.tag(from_id), self.tag(into_id)
        if target.name.startswith(source.name + TAG_SEPARATOR):
            raise UserError(f"cannot merge tag {source.name!r} into a tag below it")
        with self.db.atomic():
            self._merge_tag(source, target)
        return self.tag(into_id), Changes(codebook=True, annotations=True)

    def _merge_tag(self, source: Tag, target: Tag) -> None:
        for child in [t for t in self.tags() if t.parent_id == source.id]:
            child_target = target.name + child.name[len(source.name):]
            existing = self._tag_id(child_target)
            if existing is None:
                self._rename_subtree(child, child_target, target.id)
            else:
                self._merge_tag(child, self.tag(existing))
        self.db.execute(
            "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
            " SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?", [target.id, source.id])
        self.db.execute("DELETE FROM annotation_tags WHERE tag_id = ?", [source.id])
        self.db.execute("DELETE FROM tags WHERE id = ?", [source.id])

    def _rename_subtree(self, tag: Tag, name: str, parent_id: int | None) -> None:
        for t in self._descendants(tag.name):
            self.db.execute("UPDATE tags SET name = ? WHERE id = ?", [name + t.name[len(tag.name):], t.id])
        self.db.execute("UPDATE tags SET name = ?, parent_id = ? WHERE id = ?", [name, parent_id, tag.id])

    def delete_tag(self, tag_id: int, force: bool = False) -> tuple[Tag, Changes]:
        """Remove a tag; in use (or with tags below it) only with force=True, which detaches it
        from its annotations (they stay) and lifts its children one level."""
        tag = self.tag(tag_id)
        used = self.tag_usage(tag_id)
        children = [t for t in self.tags() if t.parent_id == tag_id]
        if (used or children) and not force:
            detail = f"used by {used} annotation(s)" if used else f"the parent of {len(children)} tag(s)"
            raise UserError(f"tag {tag.name!r} is {detail}; delete with force to detach it")
        with self.db.atomic():
            self.db.execute("DELETE FROM annotation_tags WHERE tag_id = ?", [tag_id])
            self.db.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", [tag.parent_id, tag_id])
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return tag, Changes(codebook=True, annotations=bool(used))

    # --- claims ------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        rows = self.db.execute("SELECT id, text, created_at FROM claims ORDER BY text COLLATE NOCASE, id").fetchall()
        return [Claim(*row) for row in rows]

    def claim(self, claim_id: int) -> Claim:
        row = self.db.execute("SELECT id, text, created_at FROM claims WHERE id = ?", [claim_id]).fetchone()
        if row is None:
            raise UserError(f"no claim {claim_id} in the project")
        return Claim(*row)

    def _claim_id_for(self, text: str) -> tuple[int, bool]:
        """The id of the claim with this (normalised) text, created if new (inside a transaction)."""
        row = self.db.execute("SELECT id FROM claims WHERE text = ?", [text]).fetchone()
        if row is not None:
            return row[0], False
        return self.db.execute("INSERT INTO claims (text, created_at) VALUES (?, ?)",
                               [text, timestamp()]).lastrowid, True

    def rename_claim(self, claim_id: int, text: str) -> tuple[Claim, Changes]:
        """Reword a claim everywhere it is used; a text another claim has is refused (merge)."""
        self.claim(claim_id)
        text = normalise_claim(text)
        if not text:
            raise UserError("the claim is empty")
        row = self.db.execute("SELECT id FROM claims WHERE text = ?", [text]).fetchone()
        if row is not None and row[0] != claim_id:
            raise UserError(f"the claim {text!r} already exists; merge the claims instead")
        with self.db.atomic():
            self.db.execute("UPDATE claims SET text = ? WHERE id = ?", [text, claim_id])
        return self.claim(claim_id), Changes(claims=True, annotations=True)

    def merge_claims(self, from_id: int, into_id: int) -> tuple[Claim, Changes]:
        """Move every annotation of claim `from_id` to `into_id` and drop `from_id`."""
        if from_id == into_id:
            raise UserError("cannot merge a claim into itself")
        self.claim(from_id)
        self.claim(into_id)
        with self.db.atomic():
            self.db.execute("UPDATE annotations SET claim_id = ? WHERE claim_id = ?", [into_id, from_id])
            self.db.execute("DELETE FROM claims WHERE id = ?", [from_id])
        return self.claim(into_id), Changes(claims=True, annotations=True)
