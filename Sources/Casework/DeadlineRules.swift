/// The periods of the Regulation, in working days, and the office's closing time.
public struct DeadlineRules: Sendable, Hashable {
    /// Reply period (Art. 33): 20.
    public var replyDays = 20
    /// Longest extension (Art. 33): 20.
    public var maxExtensionDays = 20
    /// A correction must be requested within this many days of receipt (Art. 30): 7.
    public var correctionRequestDays = 7
    /// A consulted third party's time to answer (Art. 32): 15.
    public var consultationAnswerDays = 15
    /// The applicant's time to pay a fee notice (国办函〔2020〕109号): 20.
    public var feePaymentDays = 20
    /// Online and fax requests arriving at or after this time are confirmed the next working day.
    public var officeCloses = TimeOfDay(constantHour: 17, minute: 30)

    /// The Regulation's periods, with the office closing at 17:30.
    public init() {}

    /// The Regulation's periods, with another closing time.
    public init(officeCloses: TimeOfDay) { self.officeCloses = officeCloses }
}
