# nbconvert config for `npm run notebooks` (scripts/notebooks.ts): nbclient's
# cell hooks report each cell's start and result as one JSON line on stderr,
# prefixed "D2L-CELL ", so the script can print progress and, when a cell
# fails, name it and show what it wrote. tslab reports a failed cell only as an
# execute_reply with status "error" and its message on the cell's stderr
# stream (no ename/evalue), which nbconvert's own error text leaves out.
#
# While a cell runs, the title of each display redrawn in place (the live
# training board: display_data, then update_display_data with the same
# display_id) is reported when it changes, so a cell that trains for ten
# minutes shows its epochs in the terminal (scripts/notebook/training-progress.ts).
import json
import sys
import time

from nbclient.client import NotebookClient

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

_started = {}
MAX_TEXT = 4000


def _emit(event):
    sys.stderr.write("D2L-CELL " + json.dumps(event) + "\n")
    sys.stderr.flush()


def _failure_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            parts.append("%s: %s" % (output.get("ename", ""), output.get("evalue", "")))
        elif output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
    return "".join(parts)[-MAX_TEXT:]


def on_cell_start(cell, cell_index):
    if cell.cell_type != "code" or not cell.source.strip():
        return
    _started[cell_index] = time.monotonic()
    _emit({"event": "start", "index": cell_index, "source": cell.source[:200]})


def on_cell_executed(cell, cell_index, execute_reply):
    status = execute_reply.get("content", {}).get("status", "unknown")
    seconds = time.monotonic() - _started.get(cell_index, time.monotonic())
    event = {"event": "executed", "index": cell_index, "status": status, "seconds": round(seconds, 1)}
    has_error_output = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    if status != "ok" or has_error_output:
        event["status"] = "error"
        event["text"] = _failure_text(cell)
    _emit(event)


_titles = {}
_FIGURE = "[figure: "


def _display_title(content):
    """The title a figure bundle gives in text/plain ("[figure: TITLE]"), for displays updated in place."""
    if not content.get("transient", {}).get("display_id"):
        return None
    text = content.get("data", {}).get("text/plain")
    if isinstance(text, list):
        text = "".join(text)
    if isinstance(text, str) and text.startswith(_FIGURE) and text.endswith("]"):
        return text[len(_FIGURE) : -1][:300]
    return None


_process_message = NotebookClient.process_message


def _process_message_reporting_titles(self, msg, cell, cell_index):
    if msg.get("msg_type") in ("display_data", "update_display_data"):
        content = msg.get("content", {})
        title = _display_title(content)
        display_id = content.get("transient", {}).get("display_id")
        if title is not None and _titles.get(display_id) != title:
            _titles[display_id] = title
            _emit({"event": "display", "index": cell_index, "title": title})
    return _process_message(self, msg, cell, cell_index)


NotebookClient.process_message = _process_message_reporting_titles

c.ExecutePreprocessor.on_cell_start = on_cell_start
c.ExecutePreprocessor.on_cell_executed = on_cell_executed
