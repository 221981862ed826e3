#!/usr/bin/env python3
"""Writes the hand-made broken files of tests/malformed/READER/ (run once; the files are kept in
the repository, with the message each must produce in expected.tsv)."""
import gzip, os, struct, sys

here = os.path.dirname(os.path.abspath(__file__))

def put(reader, name, data):
    os.makedirs(os.path.join(here, reader), exist_ok=True)
    with open(os.path.join(here, reader, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def nifti1(dims=(3, 4, 4, 4, 1, 1, 1, 1), datatype=4, bitpix=16, vox_offset=352.0,
           sizeof_hdr=348, magic=b"n+1\0", sform=0, srow=None, data=None):
    h = bytearray(348)
    struct.pack_into("<i", h, 0, sizeof_hdr)
    struct.pack_into("<8h", h, 40, *dims)
    struct.pack_into("<h", h, 70, datatype)
    struct.pack_into("<h", h, 72, bitpix)
    struct.pack_into("<8f", h, 76, 1, 1, 1, 1, 1, 1, 1, 1)
    struct.pack_into("<f", h, 108, vox_offset)
    struct.pack_into("<f", h, 112, 1.0)
    struct.pack_into("<h", h, 254, sform)
    if srow is not None:
        struct.pack_into("<12f", h, 280, *srow)
    h[344:348] = magic
    n = 1
    for d in dims[1:1 + max(dims[0], 0)]:
        n *= max(d, 0)
    if data is None:
        data = bytes(n * max(bitpix, 8) // 8)
    return bytes(h) + b"\0\0\0\0" + data

# NIfTI
put("nifti", "empty.nii", b"")
put("nifti", "short-header.nii", nifti1()[:100])
put("nifti", "wrong-header-size.nii", nifti1(sizeof_hdr=123))
put("nifti", "negative-dimension.nii", nifti1(dims=(3, 4, -5, 4, 1, 1, 1, 1)))
put("nifti", "zero-dimension.nii", nifti1(dims=(3, 4, 0, 4, 1, 1, 1, 1)))
put("nifti", "nine-dimensions.nii", nifti1(dims=(9, 4, 4, 4, 1, 1, 1, 1)))
put("nifti", "unknown-datatype.nii", nifti1(datatype=999))
put("nifti", "truncated-data.nii", nifti1(dims=(3, 10, 10, 10, 1, 1, 1, 1), data=bytes(100)))
put("nifti", "huge-dimensions.nii", nifti1(dims=(4, 32767, 32767, 32767, 32767, 1, 1, 1),
                                           data=b""))
put("nifti", "offset-beyond-file.nii", nifti1(vox_offset=1e9))
put("nifti", "bad-magic.nii", nifti1(magic=b"xyz\0"))
put("nifti", "nan-affine.nii", nifti1(sform=1, srow=[float("nan")] * 12))
put("nifti", "text.nii", "this is a note, not an image\n" * 20)
# NIfTI, gzip
whole = gzip.compress(nifti1(dims=(3, 64, 64, 64, 1, 1, 1, 1)))
put("nifti-gz", "cut-stream.nii.gz", whole[: len(whole) // 2])
put("nifti-gz", "lying-size.nii.gz", gzip.compress(nifti1(dims=(4, 2000, 2000, 2000, 50, 1, 1, 1),
                                                          data=b"")))
put("nifti-gz", "header-only.nii.gz", gzip.compress(nifti1(data=b"")))
# GIFTI
def gifti(arrays, n=None):
    n = len(arrays) if n is None else n
    return ('<?xml version="1.0"?><GIFTI Version="1.0" NumberOfDataArrays="%d">%s</GIFTI>'
            % (n, "".join(arrays)))
def darray(intent="NIFTI_INTENT_SHAPE", dtype="NIFTI_TYPE_FLOAT32", dims=(3,),
           encoding="ASCII", data="1 2 3", extra=""):
    d = "".join(' Dim%d="%d"' % (i, v) for i, v in enumerate(dims))
    return ('<DataArray Intent="%s" DataType="%s" ArrayIndexingOrder="RowMajorOrder" '
            'Dimensionality="%d"%s Encoding="%s" Endian="LittleEndian" %s><Data>%s</Data>'
            '</DataArray>' % (intent, dtype, len(dims), d, encoding, extra, data))
put("gifti", "not-xml.gii", "GIFTI? no.\n")
put("gifti", "empty.gii", b"")
put("gifti", "no-arrays.gii", gifti([]))
put("gifti", "complex-datatype.gii", gifti([darray(dtype="NIFTI_TYPE_COMPLEX64")]))
put("gifti", "unknown-encoding.gii", gifti([darray(encoding="Magic")]))
put("gifti", "too-few-values.gii", gifti([darray(dims=(10,), data="1 2 3")]))
put("gifti", "bad-base64.gii", gifti([darray(encoding="Base64Binary", data="@@@@!!!!")]))
put("gifti", "triangle-out-of-range.gii",
    gifti([darray("NIFTI_INTENT_POINTSET", dims=(3, 3), data="0 0 0 1 0 0 0 1 0"),
           darray("NIFTI_INTENT_TRIANGLE", "NIFTI_TYPE_INT32", dims=(1, 3), data="0 1 99")]))
put("gifti", "missing-external-file.gii",
    gifti([darray(encoding="ExternalFileBinary", data="",
                  extra='ExternalFileName="nowhere.bin" ExternalFileOffset="0"')]))
put("gifti", "unclosed.gii", '<?xml version="1.0"?><GIFTI Version="1.0"><DataArray>')
# FreeSurfer
put("freesurfer-surface", "empty", b"")
put("freesurfer-surface", "wrong-magic", b"\x01\x02\x03" + b"\0" * 200)
surf = b"\xff\xff\xfe" + b"created by test\n\n" + struct.pack(">ii", 0x7fffffff, 1)
put("freesurfer-surface", "vertex-count-overflow", surf + b"\0" * 64)
tri = (b"\xff\xff\xfe" + b"created by test\n\n" + struct.pack(">ii", 3, 1)
       + struct.pack(">9f", 0, 0, 0, 1, 0, 0, 0, 1, 0) + struct.pack(">3i", 0, 1, 7))
put("freesurfer-surface", "triangle-out-of-range", tri)
put("freesurfer-curv", "wrong-magic", b"\x00\x00\x01" + b"\0" * 40)
put("freesurfer-curv", "cut-values", b"\xff\xff\xff" + struct.pack(">iii", 100, 0, 1) + b"\0" * 8)
put("freesurfer-annot", "empty", b"")
put("freesurfer-annot", "negative-vertices", struct.pack(">i", -4) + b"\0" * 32)
put("freesurfer-annot", "vertex-out-of-range", struct.pack(">iii", 2, 5, 0) + struct.pack(">ii", 1, 0))
put("freesurfer-label", "garbage", "not a label file at all\n")
put("freesurfer-label", "vertex-beyond-surface", "#!ascii label\n1\n5000 0 0 0 0\n")
# Label tables
put("label-table-txt", "bad-index", "1 Precentral_L\nx Frontal\n")
put("label-table-xml", "not-xml", "<atlas><data><label index='1'>unclosed")
put("label-table-xml", "label-without-index", '<?xml version="1.0"?><atlas><data><label>Left</label></data></atlas>')
put("label-table-tsv", "bad-index", "index\tname\tr\tg\tb\nfirst\tV1\t1\t2\t3\n")
put("label-table-tsv", "negative-index", "index\tname\tr\tg\tb\n-3\tV1\t1\t2\t3\n")
# .npy
def npy(descr="<f4", shape="(2, 3)", body=None, magic=b"\x93NUMPY", fortran="False", header=None):
    if header is None:
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)
    header = header + " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return magic + b"\x01\x00" + struct.pack("<H", len(header)) + header.encode() + (
        body if body is not None else bytes(24))
put("npy", "bad-magic.npy", npy(magic=b"\x93NUMPX"))
put("npy", "complex.npy", npy(descr="<c8"))
put("npy", "shape-lies.npy", npy(shape="(100, 3)"))
put("npy", "four-dims.npy", npy(shape="(1, 1, 1, 1)", body=bytes(4)))
put("npy", "header-not-dict.npy", npy(header="['descr', '<f4']"))
put("npy", "cut-header.npy", b"\x93NUMPY\x01\x00\xff\x7f{'descr'")
put("npy", "object-dtype.npy", npy(descr="|O"))
put("npy", "negative-shape.npy", npy(shape="(-2, 3)"))
# Stimulus tables
put("stimulus-table", "missing-split", "stimulus_id\timage\tcategory\trepeat\ns1\ta.png\tfaces\t0\n")
put("stimulus-table", "bad-split", "stimulus_id\timage\tcategory\tsplit\trepeat\ns1\ta.png\tfaces\tmaybe\t0\n")
put("stimulus-table", "empty", b"")
put("stimulus-table", "no-rows", "stimulus_id\timage\tcategory\tsplit\trepeat\n")
# Midline annotations and Symbrain lines
put("midline-json", "not-json", "midlines: yes\n")
put("midline-json", "other-format", '{"format": "something-else"}')
put("midline-json", "line-without-points",
    '{"format": "voxelscope-midlines-1", "affine": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]],'
    ' "lines": [{"axis": "axial", "slice": 3, "status": "edited"}]}')
put("symbrain-csv", "no-midline", "image,midline\n\"a.png\",\"nothing here\"\n")
put("symbrain-csv", "bad-number", "image,midline\n\"a.png\",\"[{'x': 1e, 'y': 2} {'x': 3, 'y': 4}]\"\n")
put("symbrain-csv", "one-point", "image,midline\n\"a.png\",\"[{'x': 1, 'y': 2}]\"\n")

# NaN everywhere
put("nifti", "all-nan.nii", nifti1(datatype=16, bitpix=32, data=struct.pack("<64f", *[float("nan")] * 64)))
put("nifti", "all-infinite.nii", nifti1(datatype=64, bitpix=64, data=struct.pack("<64d", *[float("inf"), float("-inf")] * 32)))
put("npy", "nan-value.npy", npy(body=struct.pack("<6f", 1, 2, 3, 4, float("nan"), 6)))
put("freesurfer-surface", "nan-vertices",
    b"\xff\xff\xfe" + b"created by test\n\n" + struct.pack(">ii", 3, 1)
    + struct.pack(">9f", 0, 0, 0, float("nan"), 0, 0, 0, 1, 0) + struct.pack(">3i", 0, 1, 2))
put("gifti", "nan-coordinates.gii",
    gifti([darray("NIFTI_INTENT_POINTSET", dims=(3, 3), data="0 0 0 nan nan nan 0 1 0"),
           darray("NIFTI_INTENT_TRIANGLE", "NIFTI_TYPE_INT32", dims=(1, 3), data="0 1 2")]))
# Region names (attention)
put("region-names", "empty", b"")
put("region-names", "binary", b"\x00\x01\x02\xff\xfe")
# Scenes
put("scene", "not-json.vscene", "layers: ch2.nii.gz\n")
put("scene", "other-format.vscene", '{"format": "voxelscope-midlines-1", "layers": []}')
put("scene", "no-layers.vscene", '{"format": "voxelscope-scene-1"}')
put("scene", "layer-without-path.vscene", '{"format": "voxelscope-scene-1", "layers": [{"display": {}}]}')
put("scene", "unknown-colormap.vscene", '{"format": "voxelscope-scene-1", "layers": [{"path": "a.nii", "display": {"colormap": "rainbow"}}]}')
put("scene", "nan-opacity.vscene", '{"format": "voxelscope-scene-1", "layers": [{"path": "a.nii", "display": {"opacity": NaN}}]}')
put("scene", "cursor-of-two.vscene", '{"format": "voxelscope-scene-1", "layers": [{"path": "a.nii"}], "cursor": [1, 2]}')
put("scene", "negative-zoom.vscene", '{"format": "voxelscope-scene-1", "layers": [{"path": "a.nii"}], "views": {"axial": {"center": [0, 0, 0], "mm_per_pixel": -1, "width": 10, "height": 10}}}')
put("scene", "huge-frame.vscene", '{"format": "voxelscope-scene-1", "layers": [{"path": "a.nii"}], "frame": 1e300}')
# Zarr
def zarray(shape="[4, 5, 6]", chunks="[4, 5, 3]", dtype="<u2", compressor="null", extra=""):
    return ('{"zarr_format": 2, "shape": %s, "chunks": %s, "dtype": "%s", "compressor": %s, '
            '"fill_value": 0, "order": "C", "filters": null%s}' % (shape, chunks, dtype, compressor, extra))
put("zarr-metadata", "not-json", "zarr_format = 2\n")
put("zarr-metadata", "version-3", '{"zarr_format": 3, "shape": [4, 4]}')
put("zarr-metadata", "one-dimension", zarray(shape="[4]", chunks="[4]"))
put("zarr-metadata", "five-dimensions", zarray(shape="[1, 2, 3, 4, 5]", chunks="[1, 2, 3, 4, 5]"))
put("zarr-metadata", "negative-shape", zarray(shape="[4, -5, 6]"))
put("zarr-metadata", "chunks-mismatch", zarray(chunks="[4, 5]"))
put("zarr-metadata", "complex-dtype", zarray(dtype="<c16"))
put("zarr-metadata", "unknown-compressor", zarray(compressor='{"id": "lzma"}'))
put("zarr-metadata", "filters", zarray(extra=', "filters": [{"id": "delta", "dtype": "<u2"}]').replace('"filters": null, ', ''))
put("zarr-metadata", "bad-separator", zarray(extra=', "dimension_separator": "_"'))
put("zarr-chunk", "cut-zlib", bytes([1]) + b"\x78\x9c\x63\x60")
put("zarr-chunk", "blosc-lies", bytes([4]) + b"\x02\x01\x21\x02" + (120).to_bytes(4, "little") + (999999).to_bytes(4, "little") + (16).to_bytes(4, "little") + b"\0" * 8)
put("zarr-chunk", "zstd-garbage", bytes([3]) + b"\x28\xb5\x2f\xfd" + b"garbage")
put("zarr-chunk", "raw-too-long", bytes([5]) + b"\0" * 1000)
