"""JupyterLab assembled from npm's @jupyterlab 3.6 packages (build/, made by
scripts/lab.ts), served by Debian's jupyterlab-server and jupyter-server.

    python3 lab/main.py [jupyter-server options]    # normally through `npm run lab`

After JupyterLab 3.6's examples/app.
"""
import json
import os
import sys

from jupyter_core.paths import jupyter_config_dir
from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp
from tornado.web import StaticFileHandler
from traitlets import default

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's libjs-mathjax (a dependency of jupyter-notebook): served locally rather than from a CDN.
MATHJAX_DIR = "/usr/share/javascript/mathjax"
BUILD = os.path.abspath(os.environ.get("D2L_LAB_BUILD_DIR") or os.path.join(HERE, "build"))

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": AssembledLab}]


class AssembledLab(LabServerApp):
    name = __name__
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_version = VERSION
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(BUILD, "application_settings")
    templates_dir = os.path.join(HERE, "templates")

    # Where a real JupyterLab keeps them: settings and layouts carry over between the two.
    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return os.environ.get("JUPYTERLAB_SETTINGS_DIR") or os.path.join(jupyter_config_dir(), "lab", "user-settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return os.environ.get("JUPYTERLAB_WORKSPACES_DIR") or os.path.join(jupyter_config_dir(), "lab", "workspaces")

    def initialize_settings(self):
        super().initialize_settings()
        settings = self.serverapp.web_app.settings
        # No terminal plugin is built in.
        settings["terminals_available"] = False
        if os.path.exists(os.path.join(MATHJAX_DIR, "MathJax.js")):
            settings["mathjax_url"] = url_path_join(settings["base_url"], "d2l-mathjax/MathJax.js")

    def initialize_handlers(self):
        super().initialize_handlers()
        if os.path.exists(os.path.join(MATHJAX_DIR, "MathJax.js")):
            self.handlers.append((r"/d2l-mathjax/(.*)", StaticFileHandler, {"path": MATHJAX_DIR}))


if __name__ == "__main__":
    if not os.path.exists(os.path.join(BUILD, "bundle.js")):
        sys.exit(f"lab: {BUILD}/bundle.js is missing; start JupyterLab with `npm run lab`, which builds it")
    AssembledLab.launch_instance()
