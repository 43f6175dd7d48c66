import AnnualReport
import ReportWriter

/// The notices (告知书) a request's events send: each kind with its title and the event behind it.
public enum NoticeKind: String, Sendable, CaseIterable, Codable {
    case acknowledgement
    case correction
    case `extension`
    case consultation
    case fee
    case reply

    /// The notice's title.
    public var title: String {
        switch self {
        case .acknowledgement: "政府信息公开申请登记回执"
        case .correction: "政府信息公开申请补正告知书"
        case .extension: "政府信息公开申请延期答复告知书"
        case .consultation: "政府信息公开征求意见函"
        case .fee: "政府信息公开信息处理费缴费通知书"
        case .reply: "政府信息公开申请答复书"
        }
    }

    /// The notice an event sends, if it sends one.
    public init?(for event: CaseEventKind) {
        switch event {
        case .received: self = .acknowledgement
        case .correctionRequested: self = .correction
        case .extensionApproved: self = .extension
        case .consultationSent: self = .consultation
        case .feeNoticeSent: self = .fee
        case .replied: self = .reply
        default: return nil
        }
    }

    /// Whether the applicant receives it (a consultation letter goes to the third party).
    public var isForApplicant: Bool { self != .consultation }
}

/// What a notice is filled from: the case, the event, and the deadline as it stands after it.
public struct NoticeFacts: Sendable {
    public var agency: String
    public var applicantName: String
    public var trackingCode: String
    public var description: String
    public var delivery: String
    public var event: CaseEvent
    /// The staff's note on the event: reasons, where to find the information, what to supplement.
    public var note: String
    public var deadline: Deadline
    /// 文号.
    public var number: String

    /// The facts of a notice.
    public init(
        agency: String, applicantName: String, trackingCode: String, description: String, delivery: String, event: CaseEvent,
        note: String,
        deadline: Deadline, number: String
    ) {
        self.agency = agency
        self.applicantName = applicantName
        self.trackingCode = trackingCode
        self.description = description
        self.delivery = delivery
        self.event = event
        self.note = note
        self.deadline = deadline
        self.number = number
    }
}

extension Letter {
    /// The notice an event sends, filled from the case: dates from the deadline, the legal basis from
    /// the reply; nil when the event sends none.
    public init?(notice facts: NoticeFacts) {
        guard let kind = NoticeKind(for: facts.event.kind) else { return nil }
        let received = Self.chinese(facts.deadline.receipt)
        let request = "本机关于\(received)收到您提出的政府信息公开申请，申请获取：\(facts.description)。"
        let note = facts.note.isEmpty ? "" : facts.note.hasSuffix("。") ? facts.note : facts.note + "。"
        var addressee = facts.applicantName + "："
        var paragraphs: [String]
        switch facts.event.kind {
        case .received:
            paragraphs = [
                "本机关于\(received)收到您提出的政府信息公开申请（查询码：\(facts.trackingCode)），申请获取：\(facts.description)。",
                "根据《中华人民共和国政府信息公开条例》第三十三条，本机关将自收到申请之日起20个工作日内"
                    + (facts.deadline.due.map { "（即\(Self.chinese($0))前）" } ?? "")
                    + "予以答复；需要延长答复期限的，将另行告知。征求第三方或者其他机关意见、等待缴纳信息处理费的时间不计算在答复期限内。",
                "您可以凭查询码查询办理进度、接收本机关的告知书和答复。",
            ]
        case .correctionRequested(let dueBy):
            paragraphs = [
                request,
                "经审查，您的申请内容不够明确\(note.isEmpty ? "。" : "：" + note)根据《中华人民共和国政府信息公开条例》第三十条，请您"
                    + (dueBy.map { "于\(Self.chinese($0))前" } ?? "在合理期限内") + "对申请内容作出补正，说明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。",
                "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            ]
        case .extensionApproved(let days, let approvedBy):
            paragraphs = [
                request,
                "\(note.isEmpty ? "因需要检索、调取、审查相关信息，" : note)本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款，经政府信息公开工作机构负责人"
                    + (approvedBy ?? "") + "同意，答复期限延长\(days)个工作日"
                    + (facts.deadline.due.map { "，本机关将于\(Self.chinese($0))前作出答复" } ?? "") + "。",
            ]
        case .consultationSent(let party):
            addressee = (party.isEmpty ? "第三方" : party) + "："
            let answerBy =
                facts.deadline.consultations.last?.answerBy.map { "于\(Self.chinese($0))前（自收到本函之日起15个工作日内）" } ?? "自收到本函之日起15个工作日内"
            paragraphs = [
                "本机关于\(received)收到政府信息公开申请，申请获取：\(facts.description)。经审查，公开该信息可能损害您（单位）的合法权益。\(note)",
                "根据《中华人民共和国政府信息公开条例》第三十二条，现书面征求您（单位）的意见，请\(answerBy)提出。逾期未提出意见的，由本机关依照条例的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。",
            ]
        case .feeNoticeSent(let yuan):
            paragraphs = [
                request,
                "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），您的申请需缴纳信息处理费" + (yuan.map { "\($0)元" } ?? "") + "。\(note)请"
                    + (facts.deadline.feeDueBy.map { "于\(Self.chinese($0))前" } ?? "") + "（自收到本通知之日起20个工作日内）缴纳。",
                "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。等待缴费的时间不计算在答复期限内。",
            ]
        case .replied(let reply):
            paragraphs = [request, Self.decision(reply, note: note, delivery: facts.delivery)]
            paragraphs.append("如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者自收到本答复之日起6个月内依法提起行政诉讼。")
        default:
            return nil
        }
        self.init(
            number: facts.number, title: kind.title, addressee: addressee, paragraphs: paragraphs, issuer: facts.agency,
            dateLine: Self.chinese(facts.event.date))
    }

    /// The decision paragraph of a reply, with its legal basis.
    static func decision(_ reply: ReplyKind, note: String, delivery: String) -> String {
        let basis = "根据\(reply.legalBasis)，"
        let withheld: String? =
            switch reply {
            case .stateSecret: "属于国家秘密"
            case .prohibitedByLaw: "属于法律、行政法规禁止公开的信息"
            case .threeSafeties: "公开后可能危及国家安全、公共安全、经济安全、社会稳定"
            case .thirdParty: "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的信息"
            case .internalAffairs: "属于人事管理、后勤管理、内部工作流程等内部事务信息"
            case .processInformation: "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
            case .enforcementFiles: "属于行政执法案卷信息"
            case .inquiryMatters: "属于法律、行政法规规定的行政查询事项"
            default: nil
            }
        if let withheld { return "经审查，您申请获取的信息\(withheld)。\(basis)本机关决定不予公开。\(note)" }
        return switch reply {
        case .alreadyPublic: "经审查，您申请获取的信息已经主动公开。\(basis)现告知您获取该信息的方式和途径：\(note.isEmpty ? "见本机关政府信息公开专栏。" : note)"
        case .granted: "经审查，您申请获取的信息属于公开范围。\(basis)本机关以\(delivery.isEmpty ? "您要求的方式" : delivery)向您提供该信息。\(note)"
        case .partlyGranted: "经审查，您申请获取的信息中含有不应当公开的内容，可以作区分处理。\(basis)本机关向您提供可以公开的部分。\(note)"
        case .notHeld: "经检索，本机关没有制作或者获取您申请的信息，或者该信息不属于本机关负责公开。\(basis)特此告知。\(note)"
        case .needsCreation: "经审查，提供您申请的信息需要本机关对现有政府信息进行加工、分析。\(basis)本机关不予提供。\(note)"
        case .unclearAfterCorrection: "经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息。\(basis)本机关无法提供。\(note)"
        case .complaint: "您以政府信息公开申请的形式进行信访、投诉、举报等活动。\(basis)本机关不作为政府信息公开申请处理，请您通过相应渠道提出。\(note)"
        case .repeated: "您的申请与本机关已经答复的申请内容相同。\(basis)本机关不予重复处理。\(note)"
        case .publication: "您申请获取的是政府公报、报刊、书籍等公开出版物。\(basis)本机关不予处理，您可以通过获取公开出版物的途径获取。\(note)"
        case .excessive: "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。\(basis)本机关不予处理。\(note)"
        case .confirmation: "您要求本机关确认或者重新出具已经获取的信息。\(basis)本机关不予处理。\(note)"
        default: "\(basis)\(note)"
        }
    }

    /// `2025年10月9日`.
    public static func chinese(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }
}
