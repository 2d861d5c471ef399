/// How a text is split into SMS parts.
public struct SMSSegmentInfo: Sendable, Equatable {
    /// The encoding the whole message is sent in.
    public var encoding: SMSEncoding
    /// Total size in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2.
    public var units: Int
    /// Number of SMS parts; 0 for empty text.
    public var segments: Int
    /// Units in each part, in order; `unitsPerSegment.count == segments`.
    public var unitsPerSegment: [Int]

    public init(encoding: SMSEncoding, units: Int, segments: Int, unitsPerSegment: [Int]) {
        self.encoding = encoding
        self.units = units
        self.segments = segments
        self.unitsPerSegment = unitsPerSegment
    }
}
