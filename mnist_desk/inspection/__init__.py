"""Looking inside a network (no Qt): what it computes for one input (feature maps, filters,
attention), why it answered (attribution heatmaps, checked by a deletion test), where the test
set lies in its feature space (2-D maps), and which test images sit behind a confusion cell.

The views never see a tensor: every function here returns numpy arrays or dataclasses of them.
"""
