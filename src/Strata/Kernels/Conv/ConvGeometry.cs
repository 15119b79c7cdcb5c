namespace Strata.Kernels.Conv;

/// <summary>
/// The shape of one convolution, any spatial rank seen as 3-D (a 1-D conv has depth and height 1, a 2-D one
/// depth 1), so that one set of kernels serves conv1d, conv2d, conv3d, their transposes and depthwise convs.
/// Input (N, D, H, W, C), output (N, OD, OH, OW, O), filter [KD, KH, KW, C / Groups, O] row-major, which is the
/// GEMM's [K, O] matrix with K = KD·KH·KW·(C / Groups). Pads are the zeros added before each spatial axis
/// (the ones after are implied by the output size). The shapes are the tensors' own, for the ops' outputs
/// and their messages (a depthwise filter is [KH, KW, C, M] yet read as [KH, KW, 1, C·M]).
/// </summary>
internal sealed class ConvGeometry
{
    /// <summary>The op's name (Conv2D, Conv1DTranspose, DepthwiseConv2D…), for messages and the tape.</summary>
    public required string Op;
    public required int N, C, O, Groups;
    public required int ID, IH, IW, KD, KH, KW, SD, SH, SW, DD, DH, DW, PD, PH, PW, OD, OH, OW;
    public required Shape InputShape, FilterShape, OutputShape;

    public int Cg => C / Groups;
    public int Og => O / Groups;

    /// <summary>Length of one patch: the GEMM's inner dimension.</summary>
    public int K => KD * KH * KW * Cg;
    public int InPixels => ID * IH * IW;
    public int OutPixels => OD * OH * OW;

    /// <summary>A 1x1 convolution with stride 1 and one group: the output is the input times the filter, no patches.</summary>
    public bool IsPointwise => KD == 1 && KH == 1 && KW == 1 && SD == 1 && SH == 1 && SW == 1 && Groups == 1;
}
