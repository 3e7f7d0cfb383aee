"""Build: the package as pyproject.toml describes it, plus the normalizer's hot modules compiled
with mypyc (the list: `normalizers/compiled.py` `MODULES`) when a C compiler is there.

The compiled part never fails the install: without a C compiler, with `TADASU_PURE=1` in the
environment, or when mypyc or the compiler fails, the package installs as pure Python. Either
way the build writes `normalizers/compiled_build.json` (what was compiled and from which source
hashes, or why nothing was), which `normalizers.compiled.select()` reads at import.
`pip install -e .` compiles into the source tree (the `.so` files beside the `.py`, git-ignored).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def _load_helper():
    # By path: importing the package itself would import the modules about to be compiled.
    spec = importlib.util.spec_from_file_location("tadasu_build_helper", ROOT / "normalizers" / "compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMPILED = _load_helper()


def c_compiler() -> str | None:
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    return shutil.which(cc.split()[0])


class BinaryDistribution(Distribution):
    """Always runs build_ext: the extensions are only known once it runs (mypyc type-checks and
    writes C then, not in every setup.py call pip makes)."""

    def has_ext_modules(self) -> bool:
        return True


class build_mypyc(build_ext):
    def finalize_options(self) -> None:
        # Before build_ext's own: it prepares each extension (setuptools marks them there).
        self.why_pure = self._prepare()
        super().finalize_options()

    def run(self) -> None:
        if self.why_pure is None:
            try:
                super().run()
            except Exception as e:  # a compiler error of any kind: install the pure Python
                self.why_pure = f"C compilation failed: {type(e).__name__}: {e}"
                self.extensions = self.distribution.ext_modules = []  # nothing to install of it
        self._write_record(self.why_pure)

    def _prepare(self) -> str | None:
        """Makes the mypyc-compiled modules the distribution's extensions; returns why not, or None."""
        self.distribution.ext_modules = []
        if os.environ.get("TADASU_PURE") == "1":
            return "TADASU_PURE=1 at install"
        if c_compiler() is None:
            return "no C compiler at install"
        try:
            from mypyc.build import mypycify
        except ImportError:
            return "mypyc (package mypy) not installed at build time"
        sources = [str(COMPILED.source_path(m).relative_to(ROOT)) for m in COMPILED.MODULES]
        try:
            self.compiled_hashes = COMPILED.source_hashes()  # of the sources mypyc reads now
            # group_name: the modules' shared C library goes inside the package
            # (normalizers/compiled__mypyc.*.so), where an editable install finds it too.
            self.distribution.ext_modules = mypycify(sources, opt_level="3", group_name="normalizers.compiled",
                                                     target_dir=str(ROOT / "build" / "mypyc"))
        except (SystemExit, Exception) as e:  # mypyc exits on a type error: say so, stay pure
            return f"mypyc failed (a type error in a compiled module?): {e}"
        return None

    def _write_record(self, why_pure: str | None) -> None:
        if why_pure is None:
            record = {"build": "compiled", "modules": self.compiled_hashes}
        else:
            record = {"build": "pure", "reason": why_pure}
            print(f"tadasu: installing pure Python ({why_pure})", file=sys.stderr)
        # Beside the package's modules in the build's output (the source tree when in place).
        target = Path(self.get_ext_fullpath("normalizers.compiled_build")).parent / COMPILED.BUILD_RECORD.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        if self.inplace or getattr(self, "editable_mode", False):
            COMPILED.BUILD_RECORD.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


setup(distclass=BinaryDistribution, cmdclass={"build_ext": build_mypyc})
