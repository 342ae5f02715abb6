SELECT
  `t8`.`patient_id`,
  MAX(`t8`.`agvhd_grade`) AS `agvhd_max_grade`,
  MAX(`t8`.`cgvhd_severity_rank`) AS `cgvhd_max_rank`,
  CAST(MIN(IF((
    `t8`.`day` >= 0
  ) AND (
    `t8`.`agvhd_grade` >= 2
  ), `t8`.`day`, NULL)) AS BIGINT) AS `agvhd_2_4_event_day`,
  CAST(MIN(IF((
    `t8`.`day` >= 0
  ) AND (
    `t8`.`agvhd_grade` >= 3
  ), `t8`.`day`, NULL)) AS BIGINT) AS `agvhd_3_4_event_day`,
  CAST(MIN(
    IF((
      `t8`.`day` >= 0
    ) AND (
      `t8`.`cgvhd_severity_rank` >= 1
    ), `t8`.`day`, NULL)
  ) AS BIGINT) AS `cgvhd_event_day`,
  CAST(MIN(IF((
    `t8`.`day` >= 0
  ) AND (
    `t8`.`agvhd_grade` >= 3
  ), `t8`.`day`, NULL)) AS BIGINT) AS `grfs_agvhd_day`,
  CAST(MIN(
    IF(
      (
        `t8`.`day` >= 0
      )
      AND (
        (
          `t8`.`cgvhd_severity_rank` >= 1
        )
        AND COALESCE(`t8`.`systemic_therapy`, FALSE)
      ),
      `t8`.`day`,
      NULL
    )
  ) AS BIGINT) AS `grfs_cgvhd_day`
FROM (
  SELECT
    `t7`.`patient_id`,
    `t7`.`day`,
    `t7`.`date`,
    `t7`.`skin_bsa_pct`,
    `t7`.`skin_bullae`,
    `t7`.`skin_stage`,
    `t7`.`bilirubin_mg_dl`,
    `t7`.`liver_stage`,
    `t7`.`upper_gi`,
    `t7`.`stool_ml_day`,
    `t7`.`stool_episodes_day`,
    `t7`.`lower_gi_severe`,
    `t7`.`lower_gi_stage`,
    `t7`.`cgvhd_skin`,
    `t7`.`cgvhd_mouth`,
    `t7`.`cgvhd_eyes`,
    `t7`.`cgvhd_gi`,
    `t7`.`cgvhd_liver`,
    `t7`.`cgvhd_lungs`,
    `t7`.`cgvhd_joints`,
    `t7`.`cgvhd_genital`,
    `t7`.`systemic_therapy`,
    `t7`.`weight_kg`,
    `t7`.`skin`,
    `t7`.`liver`,
    `t7`.`upper`,
    `t7`.`lower`,
    CAST(CASE
      WHEN (
        COALESCE(`t7`.`skin`, 0) = 4
      )
      OR (
        COALESCE(`t7`.`liver`, 0) = 4
      )
      OR (
        COALESCE(`t7`.`lower`, 0) = 4
      )
      THEN 4
      WHEN COALESCE(`t7`.`liver`, 0) IN (2, 3) OR (
        COALESCE(`t7`.`lower`, 0) >= 2
      )
      THEN 3
      WHEN (
        COALESCE(`t7`.`skin`, 0) = 3
      )
      OR (
        COALESCE(`t7`.`liver`, 0) = 1
      )
      OR (
        COALESCE(`t7`.`upper`, 0) = 1
      )
      OR (
        COALESCE(`t7`.`lower`, 0) = 1
      )
      THEN 2
      WHEN COALESCE(`t7`.`skin`, 0) IN (1, 2)
      THEN 1
      ELSE 0
    END AS BIGINT) AS `agvhd_grade`,
    CAST(CASE
      WHEN (
        COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0) >= 2
      )
      OR (
        GREATEST(
          COALESCE(CAST(`t7`.`cgvhd_skin` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_mouth` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_eyes` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_gi` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_liver` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_joints` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_genital` AS BIGINT), 0)
        ) >= 3
      )
      THEN 3
      WHEN (
        COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0) = 1
      )
      OR (
        GREATEST(
          COALESCE(CAST(`t7`.`cgvhd_skin` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_mouth` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_eyes` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_gi` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_liver` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_joints` AS BIGINT), 0),
          COALESCE(CAST(`t7`.`cgvhd_genital` AS BIGINT), 0)
        ) = 2
      )
      OR (
        (
          IF(COALESCE(CAST(`t7`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t7`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
        ) >= 3
      )
      THEN 2
      WHEN (
        IF(COALESCE(CAST(`t7`.`cgvhd_skin` AS BIGINT), 0) >= 1, 1, 0) + 0 + IF(COALESCE(CAST(`t7`.`cgvhd_mouth` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_eyes` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_gi` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_liver` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_lungs` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_joints` AS BIGINT), 0) >= 1, 1, 0) + IF(COALESCE(CAST(`t7`.`cgvhd_genital` AS BIGINT), 0) >= 1, 1, 0)
      ) >= 1
      THEN 1
      ELSE 0
    END AS BIGINT) AS `cgvhd_severity_rank`
  FROM (
    SELECT
      `t6`.`patient_id`,
      `t6`.`day`,
      `t6`.`date`,
      `t6`.`skin_bsa_pct`,
      `t6`.`skin_bullae`,
      `t6`.`skin_stage`,
      `t6`.`bilirubin_mg_dl`,
      `t6`.`liver_stage`,
      `t6`.`upper_gi`,
      `t6`.`stool_ml_day`,
      `t6`.`stool_episodes_day`,
      `t6`.`lower_gi_severe`,
      `t6`.`lower_gi_stage`,
      `t6`.`cgvhd_skin`,
      `t6`.`cgvhd_mouth`,
      `t6`.`cgvhd_eyes`,
      `t6`.`cgvhd_gi`,
      `t6`.`cgvhd_liver`,
      `t6`.`cgvhd_lungs`,
      `t6`.`cgvhd_joints`,
      `t6`.`cgvhd_genital`,
      `t6`.`systemic_therapy`,
      `t6`.`weight_kg`,
      CASE
        WHEN COALESCE(`t6`.`skin_bullae`, FALSE)
        THEN 4
        WHEN `t6`.`skin_bsa_pct` IS NOT NULL AND NOT ISNAN(`t6`.`skin_bsa_pct`)
        THEN CASE
          WHEN `t6`.`skin_bsa_pct` <= 0.0
          THEN 0
          WHEN `t6`.`skin_bsa_pct` < 25.0
          THEN 1
          WHEN `t6`.`skin_bsa_pct` <= 50.0
          THEN 2
          ELSE 3
        END
        ELSE CAST(`t6`.`skin_stage` AS BIGINT)
      END AS `skin`,
      IF(
        `t6`.`bilirubin_mg_dl` IS NOT NULL AND NOT ISNAN(`t6`.`bilirubin_mg_dl`),
        CASE
          WHEN `t6`.`bilirubin_mg_dl` < 2.0
          THEN 0
          WHEN `t6`.`bilirubin_mg_dl` <= 3.0
          THEN 1
          WHEN `t6`.`bilirubin_mg_dl` <= 6.0
          THEN 2
          WHEN `t6`.`bilirubin_mg_dl` <= 15.0
          THEN 3
          ELSE 4
        END,
        CAST(`t6`.`liver_stage` AS BIGINT)
      ) AS `liver`,
      CASE
        WHEN `t6`.`upper_gi`
        THEN 1
        WHEN NOT (
          `t6`.`upper_gi`
        )
        THEN 0
        ELSE CAST(NULL AS BIGINT)
      END AS `upper`,
      CASE
        WHEN COALESCE(`t6`.`lower_gi_severe`, FALSE)
        THEN 4
        WHEN `t6`.`stool_ml_day` IS NOT NULL
        AND NOT ISNAN(`t6`.`stool_ml_day`)
        AND COALESCE(`t6`.`weight_kg` < 50.0, FALSE)
        THEN CASE
          WHEN (
            `t6`.`stool_ml_day` / `t6`.`weight_kg`
          ) < 10.0
          THEN 0
          WHEN (
            `t6`.`stool_ml_day` / `t6`.`weight_kg`
          ) < 20.0
          THEN 1
          WHEN (
            `t6`.`stool_ml_day` / `t6`.`weight_kg`
          ) <= 30.0
          THEN 2
          ELSE 3
        END
        WHEN `t6`.`stool_ml_day` IS NOT NULL AND NOT ISNAN(`t6`.`stool_ml_day`)
        THEN CASE
          WHEN `t6`.`stool_ml_day` < 500.0
          THEN 0
          WHEN `t6`.`stool_ml_day` < 1000.0
          THEN 1
          WHEN `t6`.`stool_ml_day` <= 1500.0
          THEN 2
          ELSE 3
        END
        WHEN `t6`.`stool_episodes_day` IS NOT NULL
        AND NOT ISNAN(`t6`.`stool_episodes_day`)
        AND COALESCE(`t6`.`weight_kg` < 50.0, FALSE)
        THEN CASE
          WHEN (
            `t6`.`stool_episodes_day` * 3.0
          ) < 10.0
          THEN 0
          WHEN (
            `t6`.`stool_episodes_day` * 3.0
          ) < 20.0
          THEN 1
          WHEN (
            `t6`.`stool_episodes_day` * 3.0
          ) <= 30.0
          THEN 2
          ELSE 3
        END
        WHEN `t6`.`stool_episodes_day` IS NOT NULL AND NOT ISNAN(`t6`.`stool_episodes_day`)
        THEN CASE
          WHEN (
            `t6`.`stool_episodes_day` * 200.0
          ) < 500.0
          THEN 0
          WHEN (
            `t6`.`stool_episodes_day` * 200.0
          ) < 1000.0
          THEN 1
          WHEN (
            `t6`.`stool_episodes_day` * 200.0
          ) <= 1500.0
          THEN 2
          ELSE 3
        END
        ELSE CAST(`t6`.`lower_gi_stage` AS BIGINT)
      END AS `lower`
    FROM (
      SELECT
        `t5`.`patient_id`,
        `t5`.`day`,
        `t5`.`date`,
        `t5`.`skin_bsa_pct`,
        `t5`.`skin_bullae`,
        `t5`.`skin_stage`,
        `t5`.`bilirubin_mg_dl`,
        `t5`.`liver_stage`,
        `t5`.`upper_gi`,
        `t5`.`stool_ml_day`,
        `t5`.`stool_episodes_day`,
        `t5`.`lower_gi_severe`,
        `t5`.`lower_gi_stage`,
        `t5`.`cgvhd_skin`,
        `t5`.`cgvhd_mouth`,
        `t5`.`cgvhd_eyes`,
        `t5`.`cgvhd_gi`,
        `t5`.`cgvhd_liver`,
        `t5`.`cgvhd_lungs`,
        `t5`.`cgvhd_joints`,
        `t5`.`cgvhd_genital`,
        `t5`.`systemic_therapy`,
        `t5`.`weight_kg`
      FROM (
        SELECT
          `t2`.`patient_id`,
          `t2`.`day`,
          `t2`.`date`,
          `t2`.`skin_bsa_pct`,
          `t2`.`skin_bullae`,
          `t2`.`skin_stage`,
          `t2`.`bilirubin_mg_dl`,
          `t2`.`liver_stage`,
          `t2`.`upper_gi`,
          `t2`.`stool_ml_day`,
          `t2`.`stool_episodes_day`,
          `t2`.`lower_gi_severe`,
          `t2`.`lower_gi_stage`,
          `t2`.`cgvhd_skin`,
          `t2`.`cgvhd_mouth`,
          `t2`.`cgvhd_eyes`,
          `t2`.`cgvhd_gi`,
          `t2`.`cgvhd_liver`,
          `t2`.`cgvhd_lungs`,
          `t2`.`cgvhd_joints`,
          `t2`.`cgvhd_genital`,
          `t2`.`systemic_therapy`,
          `t4`.`patient_id` AS `patient_id_right`,
          `t4`.`weight_kg`
        FROM `gvhd_assessments` AS `t2`
        LEFT OUTER JOIN (
          SELECT
            `t1`.`patient_id`,
            `t1`.`weight_kg`
          FROM `patients` AS `t1`
        ) AS `t4`
          ON `t2`.`patient_id` = `t4`.`patient_id`
      ) AS `t5`
    ) AS `t6`
  ) AS `t7`
) AS `t8`
GROUP BY
  1
