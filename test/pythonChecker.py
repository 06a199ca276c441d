"""Runs docs/check_draw.py many times in one python3 process, each run as `python3 docs/check_draw.py ARGS`
would: the script executed afresh (new globals, its cache empty, __name__ '__main__'), with its own
sys.argv, working directory and captured stdout and stderr; the exit status from SystemExit, 1 and the
traceback on stderr for any other exception, as the interpreter does. Used by test/pythonChecker.ts:
one JSON line per request on stdin ({"args": [...], "cwd": "..."}), one JSON line per answer on stdout
({"status": N, "stdout": base64, "stderr": base64}). Why: a python3 start costs more CPU than a check.
"""
import base64, io, json, os, sys, traceback
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / 'docs' / 'check_draw.py'
CODE = compile(SCRIPT.read_bytes(), str(SCRIPT), 'exec')
ANSWERS = sys.stdout.buffer
sys.path.insert(0, str(SCRIPT.parent))  # as for `python3 docs/check_draw.py`: the script's folder first


def stream(like):
    """A captured text stream with the encoding and error handler of the real one."""
    return io.TextIOWrapper(io.BytesIO(), encoding=like.encoding, errors=like.errors)


def run(args, cwd):
    stdout, stderr = stream(sys.__stdout__), stream(sys.__stderr__)
    sys.argv = ['docs/check_draw.py', *args]
    os.chdir(cwd)
    sys.stdout, sys.stderr = stdout, stderr
    try:
        exec(CODE, {'__name__': '__main__', '__file__': str(SCRIPT), '__builtins__': __builtins__})
        status = 0
    except SystemExit as exit:
        if exit.code is None:
            status = 0
        elif isinstance(exit.code, int):
            status = exit.code & 0xFF
        else:
            print(exit.code, file=sys.stderr)
            status = 1
    except BaseException:  # noqa: BLE001 (as the interpreter: the traceback on stderr, exit 1)
        traceback.print_exc()
        status = 1
    finally:
        stdout.flush()
        stderr.flush()
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return {
        'status': status,
        'stdout': base64.b64encode(stdout.buffer.getvalue()).decode('ascii'),
        'stderr': base64.b64encode(stderr.buffer.getvalue()).decode('ascii'),
    }


for line in sys.stdin.buffer:
    request = json.loads(line)
    ANSWERS.write(json.dumps(run(request['args'], request['cwd'])).encode('ascii') + b'\n')
    ANSWERS.flush()
