#!/usr/bin/env bash
# The CUDA paths checked on a real GPU, in under 5 minutes (issue 26): the self-test with the
# models on CUDA, a Quick and a Best training run on CUDA, `predict` on CUDA with the Best
# model, and benchmark row 1 on CUDA only. Prints a summary to paste into
# benchmarks/RESULTS.md. Without CUDA it says so and exits 3, having run nothing.
#
#   scripts/gpu-check.sh                 # data: $MNIST_DESK_DATA or ../shared/datasets
#   GPU_CHECK_OUT=dir scripts/gpu-check.sh   # keep the logs and models there (default: a temp dir)
set -uo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DATA=${MNIST_DESK_DATA:-../shared/datasets}
OUT=${GPU_CHECK_OUT:-}

if [ ! -x "$PYTHON" ]; then
    echo "gpu-check: no Python at $PYTHON (set PYTHON=...); nothing was run" >&2
    exit 2
fi
# Asked in a child process that cannot fail loudly: only "yes" goes on.
cuda=$("$PYTHON" - 2>/dev/null <<'EOF'
try:
    from mnist_desk.support.devices import cuda_unavailable_reason
    import torch
    print("yes" if torch.cuda.is_available() else cuda_unavailable_reason())
except Exception as e:  # a broken install is a reason too, said in one line
    print(f"cannot import torch or mnist_desk ({type(e).__name__}: {e})")
EOF
)
if [ "$cuda" != "yes" ]; then
    echo "gpu-check: no CUDA here: ${cuda:-torch could not be asked}." >&2
    echo "gpu-check: run it on a machine with an NVIDIA GPU; nothing was run." >&2
    exit 3
fi
if [ ! -d "$DATA/MNIST/raw" ]; then
    echo "gpu-check: no MNIST in $DATA/MNIST/raw (set MNIST_DESK_DATA); nothing was run" >&2
    exit 2
fi
[ -n "$OUT" ] || OUT=$(mktemp -d -t gpu-check.XXXXXX)
mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen
MNIST=("$PYTHON" -m mnist_desk --data-dir "$DATA" --no-download --device cuda)
SAMPLES=resources/samples
summary=()
failed=0

# step NAME SECONDS_LIMIT COMMAND...: runs it with a time limit, logs it, keeps its last line.
step() {
    local name=$1 limit=$2
    shift 2
    local start end rc last
    start=$(date +%s.%N)
    timeout "$limit" "$@" >"$OUT/$name.log" 2>&1
    rc=$?
    end=$(date +%s.%N)
    last=$(tr '\r' '\n' <"$OUT/$name.log" | grep -v '^\s*$' | tail -n 1)
    local verdict=ok
    [ "$rc" -eq 0 ] || { verdict="FAILED (exit $rc)"; failed=1; }
    [ "$rc" -eq 124 ] && verdict="FAILED (over ${limit} s)"
    summary+=("- $name: $verdict, $(printf '%.1f' "$(echo "$end - $start" | bc)") s: $last")
    echo "gpu-check: $name: $verdict" >&2
}

step self-test 40 "${MNIST[@]}" self-test
step train-quick 45 "${MNIST[@]}" train --preset quick --seed 0 -o "$OUT/quick.pt"
step train-best 110 "${MNIST[@]}" train --preset best --seed 0 -o "$OUT/best.pt"
model="$OUT/best.pt"
[ -f "$model" ] || model=classifier-convnet
step predict 20 "${MNIST[@]}" predict --model "$model" \
    "$SAMPLES/digit-3-test18.png" "$SAMPLES/digit-4-test4.png"
step row-1 85 "$PYTHON" -m benchmarks --rows 1 --cuda-only --data-dir "$DATA" \
    --output "$OUT/row-1.md"

gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null)
torch_line=$("$PYTHON" -c 'import torch; print(f"torch {torch.__version__}, CUDA {torch.version.cuda}")')
echo
echo "## GPU check ($(date -u +%Y-%m-%d), scripts/gpu-check.sh)"
echo
echo "GPU: ${gpu:-unknown}; $torch_line; CPU load (1 min) $(cut -d' ' -f1 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
if [ -f "$OUT/row-1.md" ]; then
    echo
    grep '^| 1 ' "$OUT/row-1.md" || true
fi
echo
echo "(logs and models: $OUT)"
exit "$failed"
