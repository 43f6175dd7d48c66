import AnnualReport

/// How a request was answered (Art. 36–39), each with its legal basis and its row of table 三.
public enum ReplyKind: String, Sendable, CaseIterable, Codable {
    case alreadyPublic = "already-public"
    case granted
    case partlyGranted = "partly-granted"
    case stateSecret = "state-secret"
    case prohibitedByLaw = "prohibited-by-law"
    case threeSafeties = "three-safeties"
    case thirdParty = "third-party"
    case internalAffairs = "internal-affairs"
    case processInformation = "process-information"
    case enforcementFiles = "enforcement-files"
    case inquiryMatters = "inquiry-matters"
    case notHeld = "not-held"
    case needsCreation = "needs-creation"
    case unclearAfterCorrection = "unclear-after-correction"
    case complaint
    case repeated
    case publication
    case excessive
    case confirmation

    /// The row of table 三 the reply is counted in.
    public var row: RowKey {
        switch self {
        case .alreadyPublic, .granted: .granted
        case .partlyGranted: .partlyGranted
        case .stateSecret: .withheldStateSecret
        case .prohibitedByLaw: .withheldProhibitedByLaw
        case .threeSafeties: .withheldThreeSafeties
        case .thirdParty: .withheldThirdParty
        case .internalAffairs: .withheldInternalAffairs
        case .processInformation: .withheldProcessInformation
        case .enforcementFiles: .withheldEnforcementFiles
        case .inquiryMatters: .withheldInquiryMatters
        case .notHeld: .unableNotHeld
        case .needsCreation: .unableNeedsCreation
        case .unclearAfterCorrection: .unableUnclearAfterCorrection
        case .complaint: .notProcessedComplaint
        case .repeated: .notProcessedRepeated
        case .publication: .notProcessedPublication
        case .excessive: .notProcessedExcessive
        case .confirmation: .notProcessedConfirmation
        }
    }

    /// What the reply says, in the words of the reply letter.
    public var title: String {
        switch self {
        case .alreadyPublic: "予以公开（已主动公开，告知获取方式和途径）"
        case .granted: "予以公开"
        case .partlyGranted: "部分公开"
        case .stateSecret: "不予公开（属于国家秘密）"
        case .prohibitedByLaw: "不予公开（其他法律行政法规禁止公开）"
        case .threeSafeties: "不予公开（危及“三安全一稳定”）"
        case .thirdParty: "不予公开（保护第三方合法权益）"
        case .internalAffairs: "不予公开（属于三类内部事务信息）"
        case .processInformation: "不予公开（属于四类过程性信息）"
        case .enforcementFiles: "不予公开（属于行政执法案卷）"
        case .inquiryMatters: "不予公开（属于行政查询事项）"
        case .notHeld: "无法提供（本机关不掌握相关政府信息）"
        case .needsCreation: "无法提供（没有现成信息需要另行制作）"
        case .unclearAfterCorrection: "无法提供（补正后申请内容仍不明确）"
        case .complaint: "不予处理（信访举报投诉类申请）"
        case .repeated: "不予处理（重复申请）"
        case .publication: "不予处理（要求提供公开出版物）"
        case .excessive: "不予处理（无正当理由大量反复申请）"
        case .confirmation: "不予处理（要求行政机关确认或重新出具已获取信息）"
        }
    }

    /// The provisions of the Regulation (国务院令第711号) the reply rests on.
    public var legalBasis: String {
        let regulation = "《中华人民共和国政府信息公开条例》"
        return switch self {
        case .alreadyPublic: regulation + "第三十六条第（一）项"
        case .granted: regulation + "第三十六条第（二）项"
        case .partlyGranted: regulation + "第三十七条"
        case .stateSecret, .prohibitedByLaw, .threeSafeties: regulation + "第十四条、第三十六条第（三）项"
        case .thirdParty: regulation + "第十五条、第三十六条第（三）项"
        case .internalAffairs: regulation + "第十六条第一款、第三十六条第（三）项"
        case .processInformation, .enforcementFiles: regulation + "第十六条第二款、第三十六条第（三）项"
        case .inquiryMatters: regulation + "第三十六条第（七）项"
        case .notHeld: regulation + "第三十六条第（四）项、第（五）项"
        case .needsCreation: regulation + "第三十八条"
        case .unclearAfterCorrection: regulation + "第三十条"
        case .complaint: regulation + "第三十九条第一款"
        case .repeated: regulation + "第三十六条第（六）项"
        case .publication: regulation + "第三十九条第二款"
        case .excessive: regulation + "第三十五条"
        case .confirmation: regulation + "第三十六条"
        }
    }
}
